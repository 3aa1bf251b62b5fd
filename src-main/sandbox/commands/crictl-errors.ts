/**
 * How crictl fails: an error returned from a command is logged by main.go with
 * `logrus.Fatal(err)` → one `level=fatal` line on stderr and exit status 1 (docs/kubelet.md §3.5).
 */
import type { ArgsProblem } from './args';

export class CrictlError extends Error {}

/** Errors crictl reports with Go's std `log.Fatalf` instead: `2006/01/02 15:04:05 msg`, exit 1. */
export class GoLogFatal extends CrictlError {}

/** Go's flag package wording for a bad command line (urfave/cli passes it through). */
export function goFlagProblem(p: ArgsProblem): string {
  switch (p.kind) {
    case 'unknown-long':
      return `flag provided but not defined: -${p.flag}`;
    case 'unknown-short':
      return `flag provided but not defined: -${p.letter}`;
    case 'missing-value':
      return `flag needs an argument: -${p.viaShort && p.spec.short ? p.spec.short : p.spec.name}`;
  }
}

/** Go's strconv-based int flag parsing. */
export function parseGoInt(raw: string, flagName: string): number {
  if (!/^[+-]?\d+$/.test(raw))
    throw new CrictlError(`invalid value ${JSON.stringify(raw)} for flag -${flagName}: parse error`);
  return Number(raw);
}

/** Go regexp.MatchString with crictl's "no match on a bad pattern" rule (util.go matchesRegex). */
export function matchesRegex(pattern: string | undefined, target: string): boolean {
  if (!pattern) return true;
  try {
    return new RegExp(pattern).test(target);
  } catch {
    return false;
  }
}

/** `--label k=v` (repeatable), util.go parseLabelStringSlice. */
export function parseLabelFilters(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of values) {
    const pair = s.split('=');
    if (pair.length !== 2) throw new CrictlError(`incorrectly specified label: ${s}`);
    out[pair[0]] = pair[1];
  }
  return out;
}

export const labelsMatch = (labels: Record<string, string>, want: Record<string, string>): boolean =>
  Object.entries(want).every(([k, v]) => labels[k] === v);
