/**
 * Whether the doctor may connect to an address to read what a port serves (docs/doctor.md):
 * only to an address of the node it examines. The probes run on the node, so an address the node
 * does not own is another machine, and what answers there says nothing about this node. The
 * app's Sandbox node runs on the user's machine but advertises an address of a simulated network
 * (10.0.0.10): on the user's network that is a real, foreign host, and the machine's loopback is
 * not the simulation's either (it binds nothing there, src-main/sandbox/serving/bind-host.ts),
 * so nothing is probed on it.
 */

export type ProbeAddressDecision = { probe: true } | { probe: false; reason: string };

export interface ProbedNode {
  /** The app's Sandbox node (NodeSetup.simulated). */
  simulated: boolean;
  /** The node's IPv4 addresses (/proc/net/fib_trie); empty when they could not be read. */
  hostIps: readonly string[];
}

const WILDCARD = new Set(['', '0.0.0.0', '::']);
const unbracket = (host: string) => host.replace(/^\[|\]$/g, '');
const isLoopback = (host: string) => /^127\./.test(host) || host === '::1' || host === 'localhost';
const isIpv4 = (host: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(host);

export function probeAddressDecision(rawHost: string, node: ProbedNode): ProbeAddressDecision {
  const host = unbracket(rawHost.trim());
  if (node.simulated) {
    return {
      probe: false,
      reason:
        isLoopback(host) || WILDCARD.has(host)
          ? `not probed: simulated node, ${host || 'the wildcard address'} is this machine's own, where the simulation serves nothing`
          : `not probed: simulated node, its advertised address ${host} is not on this machine`,
    };
  }
  if (isLoopback(host) || WILDCARD.has(host)) return { probe: true };
  // Only IPv4 addresses are known (fib_trie); an unknown set or an IPv6 host cannot be judged.
  if (node.hostIps.length === 0 || !isIpv4(host) || node.hostIps.includes(host)) return { probe: true };
  return {
    probe: false,
    reason: `not probed: ${host} is not an address of this node (${node.hostIps.join(', ')}), so whatever answers there is another machine`,
  };
}
