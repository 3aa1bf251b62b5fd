// `Include` for ~/.ssh/config, which the ssh-config package leaves unresolved.
// docs/architecture.md › Library choices: "`ssh-config` for ~/.ssh/config (pass `matchExec: false`;
// follow Include yourself)". OpenSSH (readconf.c): relative paths are relative to ~/.ssh for the
// user config, globs expand in lexical order, depth is limited to 16, a missing file is no error.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { ContractError } from '../contract';
import { isAbsolute, join } from 'node:path';

const MAX_DEPTH = 16;
const INCLUDE = /^\s*include(?:\s*=\s*|\s+)(.+?)\s*$/i;
const SECTION = /^\s*(host|match)(\s*=\s*|\s+)/i;

/** Splits an Include value into words, honouring double quotes. */
function words(value: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) !== null) out.push(m[1] ?? m[2] ?? '');
  return out;
}

/** Case-sensitive glob for one path segment: `*` and `?` (character classes are taken literally). */
function segmentRegExp(seg: string): RegExp {
  let re = '';
  for (const ch of seg) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|\\[\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Expands a path with wildcards in any segment; lexically sorted; no match → []. */
export function expandGlob(pattern: string): string[] {
  const segs = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let paths = [pattern.startsWith('/') ? '/' : '.'];
  for (const seg of segs) {
    if (seg === '') continue;
    const next: string[] = [];
    for (const base of paths) {
      if (!/[*?]/.test(seg)) {
        next.push(join(base, seg));
        continue;
      }
      let entries: string[] = [];
      try {
        entries = readdirSync(base);
      } catch {
        continue;
      }
      const re = segmentRegExp(seg);
      for (const e of entries.sort())
        if (!e.startsWith('.') || seg.startsWith('.')) if (re.test(e)) next.push(join(base, e));
    }
    paths = next;
  }
  return paths.filter((p) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  });
}

export interface IncludeContext {
  home: string;
  /** Directory relative Include paths resolve against (~/.ssh for the user config). */
  baseDir: string;
}

function resolveIncludePath(word: string, ctx: IncludeContext): string {
  if (word === '~' || word.startsWith('~/')) return join(ctx.home, word.slice(1));
  return isAbsolute(word) ? word : join(ctx.baseDir, word);
}

/**
 * The config text with every Include replaced by the included files' text. An Include inside a
 * Host/Match block is followed by that block's header again, so the parent's later lines stay in
 * their block (OpenSSH keeps the including block's scope after the included file ends).
 */
export function inlineIncludes(text: string, ctx: IncludeContext, depth = 0): string {
  if (depth > MAX_DEPTH)
    throw new ContractError({
      code: 'invalid-argument',
      message: 'ssh_config: Include nested too deeply (a loop?)',
      hint: 'Check the Include lines of ~/.ssh/config.',
    });
  const out: string[] = [];
  let section: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (SECTION.test(line)) section = line;
    const m = INCLUDE.exec(line);
    if (!m) {
      out.push(line);
      continue;
    }
    out.push(`# ${line.trim()}`);
    for (const word of words(m[1] ?? '')) {
      for (const file of expandGlob(resolveIncludePath(word, ctx))) {
        out.push(inlineIncludes(readFileSync(file, 'utf8'), ctx, depth + 1));
      }
    }
    if (section !== null) out.push(section);
  }
  return out.join('\n');
}
