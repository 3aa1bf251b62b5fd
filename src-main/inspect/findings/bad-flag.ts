/**
 * The unknown flag a control-plane component exited on, read from its own last lines, with the
 * nearest flag it knows and the manifest line that holds it.
 *
 * The messages are the flag parsers' own: spf13/pflag (Kubernetes components, through cobra)
 * fails with `unknown flag: --%s` (pflag flag.go, `parseLongArg`), printed by cobra as
 * `Error: unknown flag: --x` after the usage (k8s.io/component-base/cli/run.go prints the usage
 * first, then the error, so the error is the last line); Go's `flag` package (etcd) fails with
 * `flag provided but not defined: -%s` (src/flag/flag.go, `parseOne`).
 */
import type { BadFlag } from '../../contract/domain/node-pods';
import { COMPONENT_FLAGS, isControlPlaneComponent } from '../../kubelet/control-plane-flags';

const UNKNOWN_FLAG = [
  /unknown flag: (--?[A-Za-z0-9][\w.-]*)/,
  /flag provided but not defined: (--?[A-Za-z0-9][\w.-]*)/,
];

/** The flag named by the newest line that reports one, as written (`--tls-min-versoin`). */
export function unknownFlagIn(lines: readonly string[]): string | null {
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    for (const re of UNKNOWN_FLAG) {
      const m = re.exec(lines[i] as string);
      if (m?.[1]) return m[1];
    }
  }
  return null;
}

/** Optimal string alignment distance: a swapped pair of letters counts as one edit. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known flag nearest to `flag` (same leading dashes), when at most 2 edits away — the
 * distance cobra uses for its own "Did you mean this?" (cobra command.go,
 * SuggestionsMinimumDistance = 2); null when the component is unknown or nothing is that close.
 */
export function nearestFlag(component: string, flag: string): string | null {
  if (!isControlPlaneComponent(component)) return null;
  const dashes = /^-+/.exec(flag)?.[0] ?? '--';
  const name = flag.slice(dashes.length);
  let best: { name: string; distance: number } | null = null;
  for (const known of COMPONENT_FLAGS[component]) {
    const distance = editDistance(name, known);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: known, distance };
  }
  return best && best.distance > 0 ? `${dashes}${best.name}` : null;
}

/** 1-based line of `text` that holds `flag` as a whole argument (not a longer flag's prefix). */
export function flagLine(text: string, flag: string): { line: number; text: string } | null {
  const escaped = flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(^|[\\s"'\\[,])${escaped}(?![\\w.-])`);
  const lines = text.split('\n');
  const index = lines.findIndex((l) => re.test(l));
  return index < 0 ? null : { line: index + 1, text: (lines[index] as string).replace(/\r$/, '') };
}

export function badFlag(
  component: string,
  lastLines: readonly string[],
  manifestPath: string,
  manifestText: string | null,
): BadFlag | null {
  const flag = unknownFlagIn(lastLines);
  if (!flag) return null;
  const at = manifestText === null ? null : flagLine(manifestText, flag);
  return {
    component,
    flag,
    suggestion: nearestFlag(component, flag),
    manifestPath,
    line: at?.line ?? null,
    lineText: at?.text ?? null,
  };
}
