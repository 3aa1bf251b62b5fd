/**
 * "Will this boot?" — ports. A hostNetwork pod binds its ports on the node itself; if another
 * process already listens there the component exits with "address already in use". The
 * listeners come from `ss -ltnpH` (with the owning process), or /proc/net/tcp{,6} when ss is
 * missing (then the owner is unknown). The ports the pod binds come from its ports, its probes
 * and the well-known flags of the control-plane components.
 */
import { list, obj, str } from '../../kubelet/decode/pod-defaults';
import type { DecodedObject } from '../../kubelet/go-types/typed-decode';
import type { BootFinding } from '../../contract/domain/boot-check';

export interface Listener {
  address: string;
  port: number;
  /** The owning process when known ("kube-scheduler", pid 812). */
  process: { name: string; pid: number } | null;
  /** The line it was read from. */
  raw: string;
}

export interface BoundPort {
  container: string;
  port: number;
  /** The address bound ('0.0.0.0' for any). */
  address: string;
  /** Where the port comes from: `ports[0]`, `--secure-port=10259`, `livenessProbe`, a default. */
  via: string;
}

/** `ss -ltnpH` lines: State Recv-Q Send-Q Local:Port Peer:Port [users:(("name",pid=N,fd=M))]. */
export function parseSsListeners(text: string): Listener[] {
  const out: Listener[] = [];
  for (const raw of text.split('\n')) {
    const fields = raw.trim().split(/\s+/);
    if (fields.length < 5 || fields[0] !== 'LISTEN') continue;
    const local = fields[3];
    const colon = local.lastIndexOf(':');
    const port = Number(local.slice(colon + 1));
    if (!Number.isInteger(port)) continue;
    let address = local
      .slice(0, colon)
      .replace(/^\[|\]$/g, '')
      .replace(/%.*$/, '');
    if (address === '*') address = '0.0.0.0';
    if (address === '::') address = '0.0.0.0';
    const users = /users:\(\("([^"]*)",pid=(\d+)/.exec(raw);
    out.push({
      address,
      port,
      process: users ? { name: users[1], pid: Number(users[2]) } : null,
      raw: raw.trim(),
    });
  }
  return out;
}

/** /proc/net/tcp and tcp6: state 0A is LISTEN; addresses are hex (IPv4 little-endian). */
export function parseProcNetTcp(text: string): Listener[] {
  const out: Listener[] = [];
  for (const raw of text.split('\n').slice(1)) {
    const fields = raw.trim().split(/\s+/);
    if (fields.length < 4 || fields[3] !== '0A') continue;
    const [hexAddr, hexPort] = fields[1].split(':');
    const port = parseInt(hexPort, 16);
    let address = '0.0.0.0';
    if (hexAddr.length === 8) {
      const bytes =
        hexAddr
          .match(/../g)
          ?.map((b) => parseInt(b, 16))
          .reverse() ?? [];
      address = bytes.join('.');
    } else if (!/^0+$/.test(hexAddr))
      address = hexAddr === '00000000000000000000000001000000' ? '::1' : `ipv6:${hexAddr}`;
    out.push({ address, port, process: null, raw: raw.trim() });
  }
  return out;
}

/** Default secure ports of the kubeadm control plane when no flag sets them. */
const DEFAULT_PORTS: Record<string, number> = {
  'kube-apiserver': 6443,
  'kube-scheduler': 10259,
  'kube-controller-manager': 10257,
};

function programOf(container: DecodedObject): string {
  const command = list(container.command).map((c) => str(c));
  const first = command[0] ?? str(container.name);
  return first.slice(first.lastIndexOf('/') + 1);
}

function flagValue(argv: string[], flag: string): string | null {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === flag) return argv[i + 1] ?? null;
    if (argv[i].startsWith(`${flag}=`)) return argv[i].slice(flag.length + 1);
  }
  return null;
}

/** The ports a hostNetwork pod binds on the node; none when it has its own network namespace. */
export function boundPorts(pod: DecodedObject): BoundPort[] {
  const spec = obj(pod.spec);
  if (spec.hostNetwork !== true) return [];
  const out: BoundPort[] = [];
  const add = (p: BoundPort) => {
    if (p.port > 0 && !out.some((o) => o.container === p.container && o.port === p.port)) out.push(p);
  };
  for (const c of list(spec.containers).map(obj)) {
    const name = str(c.name);
    const argv = [...list(c.command), ...list(c.args)].map((a) => str(a));
    const bind = flagValue(argv, '--bind-address') ?? '0.0.0.0';
    list(c.ports).forEach((p, i) => {
      const port = obj(p);
      const n = typeof port.hostPort === 'number' && port.hostPort > 0 ? port.hostPort : port.containerPort;
      if (typeof n === 'number')
        add({ container: name, port: n, address: str(port.hostIP) || '0.0.0.0', via: `ports[${i}]` });
    });
    for (const flag of ['--secure-port', '--port', '--healthz-port', '--metrics-port']) {
      const v = flagValue(argv, flag);
      if (v !== null && /^\d+$/.test(v) && Number(v) > 0)
        add({ container: name, port: Number(v), address: bind, via: `${flag}=${v}` });
    }
    for (const arg of argv) {
      const m = /^(--listen-[a-z-]*urls)=(.*)$/.exec(arg);
      if (!m) continue;
      for (const url of m[2].split(',')) {
        const u = /^[a-z]+:\/\/\[?([^\]/]*?)\]?:(\d+)/.exec(url.trim());
        if (u)
          add({
            container: name,
            port: Number(u[2]),
            address: u[1] || '0.0.0.0',
            via: `${m[1]}=${url.trim()}`,
          });
      }
    }
    const program = programOf(c);
    if (DEFAULT_PORTS[program] && flagValue(argv, '--secure-port') === null)
      add({
        container: name,
        port: DEFAULT_PORTS[program],
        address: bind,
        via: `${program}'s default secure port`,
      });
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      const handler = obj(obj(c[probe]).httpGet).port ?? obj(obj(c[probe]).tcpSocket).port;
      if (typeof handler === 'number') add({ container: name, port: handler, address: bind, via: probe });
    }
  }
  return out;
}

const clash = (a: string, b: string) =>
  a === '0.0.0.0' || b === '0.0.0.0' || a === b || (a === '::1' && b === '127.0.0.1');

/**
 * A finding per bound port that another process holds. A listener whose program is the pod's own
 * (the instance running now) is not a clash: the kubelet stops the old instance before it starts
 * the new one (docs/kubelet.md §1.7).
 */
export function judgePorts(
  pod: DecodedObject,
  listeners: Listener[] | { unknown: string },
  source: string,
): BootFinding[] {
  const bound = boundPorts(pod);
  if (bound.length === 0)
    return [
      {
        check: 'host-ports',
        status: 'ok',
        title:
          obj(pod.spec).hostNetwork === true
            ? 'The pod binds no port the app knows of.'
            : 'The pod has its own network namespace (no hostNetwork): its ports cannot clash with the node’s.',
        detail: null,
        evidence: [],
        line: null,
      },
    ];
  if ('unknown' in listeners)
    return [
      {
        check: 'host-ports',
        status: 'not-checked',
        title: 'Could not list the ports in use on the node.',
        detail: listeners.unknown,
        evidence: [],
        line: null,
      },
    ];
  const programs = new Set(list(obj(pod.spec).containers).map((c) => programOf(obj(c))));
  const findings: BootFinding[] = [];
  for (const b of bound) {
    const holders = listeners.filter((l) => l.port === b.port && clash(l.address, b.address));
    const foreign = holders.filter((l) => !l.process || !programs.has(l.process.name));
    const own = holders.filter((l) => l.process && programs.has(l.process.name));
    if (foreign.length === 0) continue;
    const named = foreign.find((l) => l.process);
    findings.push({
      check: 'host-ports',
      status: named ? 'problem' : 'warning',
      title: named
        ? `Port ${b.port} (${b.via}) is already taken by ${named.process?.name} (pid ${named.process?.pid}).`
        : `Port ${b.port} (${b.via}) is already in use by a process the app could not name.`,
      detail: named
        ? `${b.container} will fail to bind it ("address already in use") and exit.`
        : `${source} does not say which process holds it; if it is not this pod's own running instance, ${b.container} will fail to bind it.`,
      evidence: foreign.map((l) => `${source}: ${l.raw}`),
      line: null,
    });
    void own;
  }
  if (findings.length === 0)
    findings.push({
      check: 'host-ports',
      status: 'ok',
      title: `Ports ${bound.map((b) => b.port).join(', ')} are free on the node (or held by this pod's running instance).`,
      detail: null,
      evidence: [`read with ${source}`],
      line: null,
    });
  return findings;
}
