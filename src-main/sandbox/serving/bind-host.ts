/**
 * Where the simulation binds what a component would bind on `host`. Test nodes share the
 * machine's network namespace (each has only its own mount, UTS and PID namespaces), so an
 * address every node would use cannot be one node's: a wildcard (`0.0.0.0`, `::`, empty) is bound
 * on the node's own IP, and the shared loopback (`127.0.0.1`, `::1`, `localhost`) is not bound
 * at all — another node's server would answer there. Test nodes therefore name their node IP
 * where kubeadm writes 127.0.0.1 for a server (docs/doctor.md "Simulation").
 */
const WILDCARD = new Set(['', '0.0.0.0', '::', '[::]']);
const SHARED_LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

export function simBindHost(host: string, nodeIp: string): string | null {
  if (WILDCARD.has(host)) return nodeIp;
  if (SHARED_LOOPBACK.has(host)) return null;
  return host.replace(/^\[|\]$/g, '');
}

/** `https://10.0.0.1:2379` → host and port; null for anything else. */
export function urlHostPort(url: string): { host: string; port: number } | null {
  const m = /^\w+:\/\/(\[[^\]]*\]|[^:/]*)(?::(\d+))?\/?$/.exec(url.trim());
  if (!m) return null;
  return { host: (m[1] ?? '').replace(/^\[|\]$/g, ''), port: Number(m[2] ?? 2379) };
}
