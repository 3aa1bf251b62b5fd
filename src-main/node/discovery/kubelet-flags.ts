/**
 * Reads kubelet flags from its command line (docs/kubelet.md §6): `--flag=value` and
 * `--flag value`; the last occurrence wins, as with Go's flag package.
 */
const VALUE_FLAGS = new Set([
  'config',
  'config-dir',
  'pod-manifest-path',
  'kubeconfig',
  'bootstrap-kubeconfig',
  'hostname-override',
  'file-check-frequency',
  'node-ip',
  'container-runtime-endpoint',
  'v',
  'cert-dir',
  'root-dir',
]);

export function parseKubeletFlags(args: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const match = /^--?([a-z0-9-]+)(?:=(.*))?$/s.exec(arg);
    if (!match) continue;
    const name = match[1] as string;
    if (match[2] !== undefined) flags.set(name, match[2]);
    else if (VALUE_FLAGS.has(name) && i + 1 < args.length && !(args[i + 1] ?? '').startsWith('--'))
      flags.set(name, args[++i] ?? '');
    else flags.set(name, 'true');
  }
  return flags;
}

/** Go durations as the kubelet config writes them (`0s`, `20s`, `1m30s`) → seconds. */
export function parseGoDurationSeconds(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  let rest = trimmed;
  while (rest.length > 0) {
    const part = /^(\d+(?:\.\d+)?)(ms|h|m|s)/.exec(rest);
    if (!part) return null;
    total += Number(part[1]) * (units[part[2] as string] ?? 0);
    rest = rest.slice(part[0].length);
  }
  return trimmed.length > 0 ? total : null;
}
