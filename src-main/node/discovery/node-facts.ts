/**
 * Discovery's first look at a node, as the login user (no sudo: a PATH under sudo is
 * secure_path, not the user's, docs/distributions.md "kubeadm on RHEL"): who we are and in which
 * groups, the host name, the PATH of this SSH session and of a login shell, where `crictl`,
 * `kubectl`, `journalctl` and the distributions' multi-call binaries are on those PATHs, the
 * processes that run a kubelet (kubelet, k3s-server/-agent, rke2, k0s, kubelite, kubenswrapper),
 * the systemd units of every set-up, well-known paths, /etc/os-release and the host's addresses. POSIX sh, and
 * only tools busybox has too (cat, sed, base64, stat, id, uname; systemctl where there is systemd).
 */
import type { BatchSection } from '../batch/batch-script';
import { localIpv4FromFibTrie } from './node-name';

/** Process names (`/proc/<pid>/comm`) of kubelets and the set-ups that run one. */
export const KUBELET_HOST_COMMS = [
  'kubelet',
  'kubelite',
  'k3s-server',
  'k3s-agent',
  'k3s',
  'rke2',
  'k0s',
  'kubenswrapper',
  'crio',
  'containerd',
] as const;

/** The units of every set-up (docs/distributions.md). */
export const SETUP_UNITS = [
  'kubelet.service',
  'rke2-server.service',
  'rke2-agent.service',
  'k3s.service',
  'k3s-agent.service',
  'k0scontroller.service',
  'k0sworker.service',
  'snap.microk8s.daemon-kubelite.service',
  'crio.service',
  'containerd.service',
] as const;

/** Paths whose existence tells set-ups apart (docs/distributions.md). */
export const MARKER_PATHS = [
  '/var/lib/kubelet/kubeadm-flags.env',
  '/etc/kubernetes/manifests',
  '/etc/kubernetes/admin.conf',
  '/var/lib/rancher/rke2',
  '/etc/rancher/rke2',
  '/var/lib/rancher/k3s',
  '/etc/rancher/k3s',
  '/var/lib/k0s',
  '/var/snap/microk8s',
  '/etc/machine-config-daemon',
  '/etc/kubernetes/static-pod-resources',
  '/usr/local/bin/kubenswrapper',
  '/run/systemd/system',
] as const;

/** Commands looked up on the user's PATHs: the tools, and the multi-call binaries that carry them. */
export const PATH_COMMANDS = ['crictl', 'kubectl', 'journalctl', 'k3s', 'rke2', 'k0s', 'microk8s'] as const;

const MAX_PROCESSES = 64;

/**
 * Sections: `id` (user, uid, groups), `host`, `path`, `loginpath`, `which` (`<name> <path>`
 * lines), `procs`, `units`, `paths`, `osrelease`. Every helper variable starts with `_`.
 */
export const NODE_FACTS_BODY =
  'idl() { id -un; id -u; id -Gn; }; pth() { printf "%s" "$PATH"; }; ' +
  'lp() { /bin/sh -lc \'printf "\\n@@path %s\\n" "$PATH"\' </dev/null 2>/dev/null; return 0; }; ' +
  `wh() { for _c in ${PATH_COMMANDS.join(' ')}; do _w=$(command -v "$_c" 2>/dev/null) && printf "%s %s\\n" "$_c" "$_w"; done; return 0; }; ` +
  `ps1() { _n=0; for _d in /proc/[0-9]*; do _c=$(cat "$_d/comm" 2>/dev/null) || continue; ` +
  `case "$_c" in ${KUBELET_HOST_COMMS.join('|')}) ;; *) continue;; esac; ` +
  `_n=$((_n+1)); [ "$_n" -gt ${MAX_PROCESSES} ] && break; ` +
  '_pp=$(sed -n "s/^PPid:[[:space:]]*//p" "$_d/status" 2>/dev/null); _t=$(stat -c %Y "$_d" 2>/dev/null); ' +
  'printf "P %s %s %s %s " "${_d#/proc/}" "${_pp:-0}" "${_t:-0}" "$_c"; base64 -w0 <"$_d/cmdline" 2>/dev/null; echo; done; return 0; }; ' +
  `un() { systemctl show -p Id -p LoadState -p ActiveState -p MainPID -p FragmentPath -p Description -- ${SETUP_UNITS.join(' ')}; }; ` +
  // Absent, or hidden behind a directory this user may not search: stat's error tells them apart.
  `pa() { for _p in ${MARKER_PATHS.join(' ')}; do if [ -e "$_p" ]; then printf "e %s\\n" "$_p"; ` +
  'else case $(stat -c %n "$_p" 2>&1) in *ermission*) printf "? %s\\n" "$_p";; *) printf "n %s\\n" "$_p";; esac; fi; done; return 0; }; ' +
  'sec id idl; sec host uname -n; sec path pth; sec loginpath lp; sec which wh; sec procs ps1; ' +
  'sec units un; sec paths pa; sec osrelease cat /etc/os-release; sec fib cat /proc/net/fib_trie';

export interface NodeProcess {
  pid: number;
  ppid: number;
  /** Start time (seconds since the epoch) from the mtime of /proc/<pid>; 0 when unknown. */
  startedAt: number;
  comm: string;
  args: string[];
}

export interface UnitState {
  id: string;
  loadState: string;
  activeState: string;
  mainPid: number;
  fragmentPath: string;
  /** The unit's Description (the Sandbox node's kubelet unit says it is simulated). */
  description: string;
}

export interface NodeFacts {
  user: string;
  uid: number | null;
  groups: string[];
  hostname: string;
  /** PATH of the SSH session's shell. */
  path: string[];
  /** PATH of a login shell (profile scripts applied); empty when it could not be read. */
  loginPath: string[];
  /** `command -v` results on the session's PATH. */
  onPath: Map<string, string>;
  processes: NodeProcess[];
  /** Null when systemctl could not be run (no systemd, or not booted with it). */
  units: Map<string, UnitState> | null;
  /** Why the units are unknown. */
  unitsError: string | null;
  /** Marker path → exists / absent / unknown (a parent not searchable as this user). */
  paths: Map<string, 'exists' | 'absent' | 'unknown'>;
  osRelease: Map<string, string>;
  /** This host's IPv4 addresses (/proc/net/fib_trie), to find its Node in the API by address. */
  hostIps: string[];
}

const text = (s: BatchSection | undefined): string => (s && s.code === 0 ? s.stdout.toString('utf8') : '');

function splitPath(value: string): string[] {
  return value
    .split(':')
    .map((p) => p.trim())
    .filter((p) => p.startsWith('/'));
}

export function parseProcessLines(stdout: string): NodeProcess[] {
  const out: NodeProcess[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^P (\d+) (\d+) (\d+) (\S+) ([A-Za-z0-9+/=]*)$/.exec(line.trim());
    if (!m || out.length >= MAX_PROCESSES) continue;
    // /proc/<pid>/cmdline: NUL-separated, with a NUL after the last argument.
    const args = Buffer.from(m[5] as string, 'base64')
      .toString('utf8')
      .split('\0');
    if (args.at(-1) === '') args.pop();
    out.push({ pid: Number(m[1]), ppid: Number(m[2]), startedAt: Number(m[3]), comm: m[4] as string, args });
  }
  return out;
}

/** `systemctl show -p …` for several units: blocks of Key=Value separated by empty lines. */
export function parseSystemctlShow(stdout: string): Map<string, UnitState> {
  const units = new Map<string, UnitState>();
  for (const block of stdout.split(/\n\s*\n/)) {
    const props = new Map<string, string>();
    for (const line of block.split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) props.set(line.slice(0, eq), line.slice(eq + 1));
    }
    const id = props.get('Id');
    if (!id) continue;
    units.set(id, {
      id,
      loadState: props.get('LoadState') ?? '',
      activeState: props.get('ActiveState') ?? '',
      mainPid: Number(props.get('MainPID') ?? 0) || 0,
      fragmentPath: props.get('FragmentPath') ?? '',
      description: props.get('Description') ?? '',
    });
  }
  return units;
}

export function parseOsRelease(content: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of content.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out.set(m[1] as string, (m[2] as string).replace(/^["']|["']$/g, ''));
  }
  return out;
}

export function parseNodeFacts(sections: Map<string, BatchSection>): NodeFacts {
  const idLines = text(sections.get('id')).split('\n');
  const loginPathMatch = /@@path (.*)$/m.exec(text(sections.get('loginpath')));
  const onPath = new Map<string, string>();
  for (const line of text(sections.get('which')).split('\n')) {
    const m = /^(\S+) (\/.*)$/.exec(line);
    if (m) onPath.set(m[1] as string, m[2] as string);
  }
  const unitsSection = sections.get('units');
  const units = unitsSection && unitsSection.code === 0 ? parseSystemctlShow(text(unitsSection)) : null;
  const paths = new Map<string, 'exists' | 'absent' | 'unknown'>();
  for (const line of text(sections.get('paths')).split('\n')) {
    const m = /^([en?]) (\/.*)$/.exec(line);
    if (m) paths.set(m[2] as string, m[1] === 'e' ? 'exists' : m[1] === 'n' ? 'absent' : 'unknown');
  }
  return {
    user: idLines[0]?.trim() ?? '',
    uid: /^\d+$/.test(idLines[1]?.trim() ?? '') ? Number(idLines[1]) : null,
    groups: (idLines[2] ?? '').trim().split(/\s+/).filter(Boolean),
    hostname: text(sections.get('host')).trim(),
    path: splitPath(text(sections.get('path')).trim()),
    loginPath: loginPathMatch ? splitPath(loginPathMatch[1] as string) : [],
    onPath,
    processes: parseProcessLines(text(sections.get('procs'))),
    units,
    unitsError: units
      ? null
      : (unitsSection?.stderr.trim().split('\n')[0] ?? 'systemctl did not run') ||
        `systemctl exited with ${unitsSection?.code ?? '?'}`,
    paths,
    osRelease: parseOsRelease(text(sections.get('osrelease'))),
    hostIps: localIpv4FromFibTrie(text(sections.get('fib'))),
  };
}
