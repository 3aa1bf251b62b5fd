/**
 * crictl, kubectl and journalctl resolved to absolute paths, never left to sudo's PATH: sudo
 * replaces PATH with secure_path, which on the RHEL family leaves out /usr/local/bin
 * (docs/distributions.md "kubeadm on RHEL"), and RKE2 keeps its tools in
 * /var/lib/rancher/rke2/bin, on nobody's PATH. Candidates, in order: the login user's PATH
 * (the SSH session's, then a login shell's), the set-up's own locations, the usual install
 * directories, then the multi-call binaries (`k3s crictl`, `k3s kubectl`, `k0s kubectl`,
 * `microk8s kubectl`). The first that exists and is executable wins; its version is read once,
 * so every view can say which binary it came from.
 */
import type { SetupKind, ToolName, ToolRef } from '../../contract/domain/node-setup';
import type { NodeFacts } from './node-facts';

export interface ToolCandidate {
  tool: ToolName;
  /** argv prefix: the binary, then a subcommand for multi-call binaries. */
  argv: string[];
  via: string;
}

const TOOLS: readonly ToolName[] = ['crictl', 'kubectl', 'journalctl'];

/** The set-up's own tool directories (docs/distributions.md). */
const SETUP_DIRS: Partial<Record<SetupKind, Array<{ dir: string; via: string }>>> = {
  rke2: [{ dir: '/var/lib/rancher/rke2/bin', via: "RKE2's tools directory" }],
  k3s: [{ dir: '/var/lib/rancher/k3s/data/current/bin', via: "k3s's data directory" }],
  k0s: [{ dir: '/var/lib/k0s/bin', via: "k0s's binaries directory" }],
};

/** Where packages and installers put the tools when PATH does not say. */
const USUAL_DIRS = [
  '/usr/local/bin',
  '/usr/bin',
  '/bin',
  '/usr/local/sbin',
  '/usr/sbin',
  '/opt/bin',
  '/snap/bin',
];

/** Multi-call binaries that carry a tool as a subcommand, and where they are installed. */
const MULTI_CALL: Array<{ tool: ToolName; program: string; dirs: string[] }> = [
  { tool: 'crictl', program: 'k3s', dirs: ['/usr/local/bin', '/usr/bin', '/opt/bin'] },
  { tool: 'kubectl', program: 'k3s', dirs: ['/usr/local/bin', '/usr/bin', '/opt/bin'] },
  { tool: 'kubectl', program: 'k0s', dirs: ['/usr/local/bin', '/usr/bin', '/opt/bin'] },
  { tool: 'kubectl', program: 'microk8s', dirs: ['/snap/bin'] },
];

export function toolCandidates(kind: SetupKind, facts: NodeFacts): ToolCandidate[] {
  const out: ToolCandidate[] = [];
  const seen = new Set<string>();
  const add = (c: ToolCandidate) => {
    const key = `${c.tool} ${c.argv.join(' ')}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(c);
  };
  for (const tool of TOOLS) {
    const found = facts.onPath.get(tool);
    if (found) add({ tool, argv: [found], via: `PATH of ${facts.user || 'the login user'}` });
    for (const dir of facts.path)
      add({ tool, argv: [`${dir}/${tool}`], via: `PATH of ${facts.user || 'the login user'}` });
    for (const dir of facts.loginPath) add({ tool, argv: [`${dir}/${tool}`], via: 'login PATH' });
    for (const { dir, via } of SETUP_DIRS[kind] ?? []) add({ tool, argv: [`${dir}/${tool}`], via });
    for (const dir of USUAL_DIRS) add({ tool, argv: [`${dir}/${tool}`], via: dir });
  }
  const relevant = (program: string) =>
    (program === 'k3s' && kind === 'k3s') ||
    (program === 'k0s' && kind === 'k0s') ||
    (program === 'microk8s' && kind === 'microk8s');
  for (const m of MULTI_CALL) {
    if (!relevant(m.program)) continue;
    const onPath = facts.onPath.get(m.program);
    const dirs = onPath ? [onPath.slice(0, onPath.lastIndexOf('/')), ...m.dirs] : m.dirs;
    for (const dir of dirs)
      add({ tool: m.tool, argv: [`${dir}/${m.program}`, m.tool], via: `${m.program} ${m.tool}` });
  }
  return out;
}

/** The version argument of each tool. */
export function versionArgs(tool: ToolName): string[] {
  return tool === 'kubectl' ? ['version', '--client'] : ['--version'];
}

/**
 * $@ = triples `<tool> <binary> <subcommand or ->`. For each tool the first executable regular
 * file wins: `F <tool> <base64 of the argv joined by tabs> <base64 of its version output>`;
 * later candidates of that tool are skipped. A tool with no hit gets no line.
 */
export const TOOL_PROBE_BODY =
  '_done=" "; while [ "$#" -ge 3 ]; do _t=$1; _b=$2; _s=$3; shift 3; ' +
  'case "$_done" in *" $_t "*) continue;; esac; ' +
  '{ [ -f "$_b" ] && [ -x "$_b" ]; } || continue; _done="$_done$_t "; ' +
  'if [ "$_t" = kubectl ]; then _va="version --client"; else _va="--version"; fi; ' +
  'if [ "$_s" = - ]; then _v=$("$_b" $_va 2>&1 </dev/null | head -n 4); _a=$_b; ' +
  'else _v=$("$_b" "$_s" $_va 2>&1 </dev/null | head -n 4); _a=$(printf "%s\\t%s" "$_b" "$_s"); fi; ' +
  'printf "F %s %s %s\\n" "$_t" "$(printf %s "$_a" | base64 -w0)" "$(printf %s "$_v" | base64 -w0)"; done; return 0';

export function toolProbeParams(candidates: readonly ToolCandidate[]): string[] {
  return candidates.flatMap((c) => [c.tool, c.argv[0] as string, c.argv[1] ?? '-']);
}

/**
 * `crictl version v1.30.0`, `Client Version: v1.30.1`, `systemd 252 (252.22-1~deb12u1)` → one
 * line; null when the output holds no version (a tool that refused the flag printed an error,
 * which is not its version).
 */
export function versionLine(tool: ToolName, output: string): string | null {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (tool === 'kubectl') {
    const line = lines.find((l) => l.startsWith('Client Version'));
    const v = /v\d+\.\d+\.\d+[^\s",}]*/.exec(line ?? '');
    return v ? `kubectl ${v[0]}` : null;
  }
  if (tool === 'journalctl') return lines.find((l) => /^systemd \d+/.test(l)) ?? null;
  return lines.find((l) => /\bversion:?\s+v?\d+\.\d+/i.test(l)) ?? null;
}

const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';

/** The resolution of every tool from the probe's `F` lines; the misses say where the app looked. */
export function resolveTools(
  candidates: readonly ToolCandidate[],
  probeStdout: string,
  facts: Pick<NodeFacts, 'path'>,
): Record<ToolName, ToolRef> {
  const hits = new Map<ToolName, { argv: string[]; version: string }>();
  for (const line of probeStdout.split('\n')) {
    const m = /^F (crictl|kubectl|journalctl) ([A-Za-z0-9+/=]+) ([A-Za-z0-9+/=]*)$/.exec(line.trim());
    if (!m || hits.has(m[1] as ToolName)) continue;
    hits.set(m[1] as ToolName, {
      argv: Buffer.from(m[2] as string, 'base64')
        .toString('utf8')
        .split('\t'),
      version: Buffer.from(m[3] as string, 'base64').toString('utf8'),
    });
  }
  const out = {} as Record<ToolName, ToolRef>;
  for (const tool of TOOLS) {
    const mine = candidates.filter((c) => c.tool === tool);
    const hit = hits.get(tool);
    const searched = [...new Set(mine.map((c) => (c.argv.length > 1 ? c.via : dirOf(c.argv[0] as string))))];
    const match = hit ? mine.find((c) => c.argv.join('\t') === hit.argv.join('\t')) : undefined;
    if (hit) {
      out[tool] = {
        name: tool,
        argv: hit.argv,
        path: hit.argv[0] ?? null,
        foundVia: match?.via ?? null,
        version: versionLine(tool, hit.version),
        searched,
        missing: null,
      };
    } else {
      const pathText = facts.path.length > 0 ? `PATH (${facts.path.join(':')})` : 'PATH';
      const others = searched.filter((s) => !facts.path.includes(s));
      out[tool] = {
        name: tool,
        argv: [],
        path: null,
        foundVia: null,
        version: null,
        searched,
        missing: `${tool} not found in ${pathText}${others.length > 0 ? ` or ${others.join(', ')}` : ''}`,
      };
    }
  }
  return out;
}
