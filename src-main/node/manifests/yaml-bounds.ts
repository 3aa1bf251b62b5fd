/**
 * Bounds on YAML from a node or a user (manifests, the kubelet's config): the `yaml` package
 * parses flow collections recursively and takes seconds on `[[[[…]]]]` tens of thousands deep,
 * and expands aliases (`*a`) when converting to values, which an alias bomb ("billion laughs")
 * turns into an exponential blow-up. Depth is checked before parsing; aliases are capped when
 * converting (YAML_MAX_ALIASES) and the package then throws, which callers turn into a problem
 * for that one file.
 */

/**
 * Largest YAML parsed on the core's thread: the `yaml` package takes about a second a MiB. Real
 * static pod manifests and kubelet configs are a few KiB; a larger file is reported, not parsed.
 */
export const YAML_MAX_PARSE_BYTES = 256 * 1024;

/** Flow nesting beyond any real manifest or config (a Pod spec nests about ten levels). */
export const YAML_MAX_FLOW_DEPTH = 100;

/** The `yaml` package's own default for toJS: enough for any real manifest's anchors. */
export const YAML_MAX_ALIASES = 100;

/**
 * True when `[`/`{` nest deeper than `limit` outside quoted scalars and comments. An
 * approximation on the safe side (brackets in a block scalar count too), linear in the text.
 */
export function yamlTooDeep(text: string, limit = YAML_MAX_FLOW_DEPTH): boolean {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === 0x5c && quote === 0x22) i++;
      else if (c === quote) quote = 0;
      continue;
    }
    if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x23 && (i === 0 || text.charCodeAt(i - 1) <= 0x20)) {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
    else if (c === 0x0a && depth === 0) quote = 0;
  }
  return false;
}

/** Why `text` is not parsed (too large or too deep), or null when it may be. */
export function yamlUnreadable(text: string): string | null {
  if (text.length > YAML_MAX_PARSE_BYTES)
    return `the YAML is over ${YAML_MAX_PARSE_BYTES / 1024} KiB, more than Kubelet Studio parses`;
  if (yamlTooDeep(text)) return `YAML collections nest deeper than ${YAML_MAX_FLOW_DEPTH} levels`;
  return null;
}
