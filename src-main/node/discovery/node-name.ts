/**
 * The node name the kubelet registers under, found the way it finds it (docs/distributions.md
 * "The node name"): `--hostname-override` when given, else the host name, trimmed and
 * lower-cased (k8s.io/component-helpers/node/util `GetHostname`), unless an in-tree cloud
 * provider names the node (cmd/kubelet/app/server.go `getNodeName`; `--cloud-provider=external`
 * keeps the host name). k3s computes the name itself and passes it as `--hostname-override`:
 * `node-name`, else the host name, lower-cased, then `-<id>` with `with-node-id`, the id being
 * the content of /etc/rancher/node/id (k3s pkg/agent/config/config.go `ensureNodeID`). When the
 * app cannot be sure, the pods snapshot confirms against the API: the Node whose addresses
 * hold this host's IPs (matchNodeByAddress).
 */
import type { NodeNameInfo, SetupKind } from '../../contract/domain/node-setup';
import type { K3sSettings } from './k3s-settings';
import { withNodeId } from './k3s-settings';

export interface NodeNameInput {
  kind: SetupKind;
  hostname: string;
  /** The kubelet's flags, when the kubelet is a process of its own (or k3s's logged/computed args). */
  kubeletFlags: ReadonlyMap<string, string> | null;
  /** k3s/RKE2 settings, for k3s, whose kubelet has no command line to read. */
  k3s?: K3sSettings | null;
  /** /etc/rancher/node/id, trimmed, or null when absent or unreadable. */
  nodeId?: string | null;
  /** Whether /etc/rancher/node/id could be read (false: unknown, not absent). */
  nodeIdReadable?: boolean;
}

/** GetHostname's normalisation. */
export function kubeletHostname(value: string): string {
  return value.trim().toLowerCase();
}

export function nodeName(input: NodeNameInput): NodeNameInfo {
  const host = kubeletHostname(input.hostname);
  const flags = input.kubeletFlags;
  const cloud = flags?.get('cloud-provider') ?? '';
  const inTreeCloud = cloud !== '' && cloud !== 'external';
  const cloudNote = inTreeCloud
    ? ` The kubelet runs with --cloud-provider=${cloud}, which may name the node itself; the API is asked to confirm.`
    : '';
  const override = flags?.get('hostname-override');
  if (override !== undefined && override.trim() !== '') {
    return {
      name: kubeletHostname(override),
      how: `--hostname-override=${override} on the kubelet's command line (trimmed and lower-cased, as the kubelet does).${cloudNote}`,
      certain: !inTreeCloud,
    };
  }
  if (input.kind === 'k3s' && !flags) {
    const settings = input.k3s;
    const base = settings?.nodeName ? kubeletHostname(settings.nodeName.value) : host;
    const baseHow = settings?.nodeName ? settings.nodeName.from : `the host name ${input.hostname}`;
    if (settings && withNodeId(settings)) {
      if (input.nodeId) {
        return {
          name: `${base}-${input.nodeId}`,
          how: `${baseHow}, lower-cased, plus -${input.nodeId} from /etc/rancher/node/id (${settings.withNodeId?.from ?? 'with-node-id'}).`,
          certain: true,
        };
      }
      return {
        name: base,
        how: `${baseHow}; with-node-id is set but /etc/rancher/node/id ${input.nodeIdReadable === false ? 'could not be read' : 'is missing'}, so the suffix is unknown and the API is asked.`,
        certain: false,
      };
    }
    return {
      name: base,
      how: `${baseHow}, lower-cased (k3s passes it to its kubelet as --hostname-override).${settings ? '' : ' The k3s configuration was not read, so the API is asked to confirm.'}`,
      certain: Boolean(settings) && settings?.problems.length === 0,
    };
  }
  return {
    name: host,
    how: `the host name ${input.hostname} (no --hostname-override), lower-cased as the kubelet does.${cloudNote}`,
    certain: flags !== null && !inTreeCloud,
  };
}

export interface ApiNodeAddresses {
  name: string;
  addresses: string[];
}

/** The Nodes of a `kubectl get nodes -o json` list, with their addresses; [] when it is not one. */
export function nodeAddressesFromList(json: string): ApiNodeAddresses[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  const items = (parsed as { items?: unknown }).items;
  if (!Array.isArray(items)) return [];
  return items.slice(0, 10_000).flatMap((item: unknown) => {
    const o = item as { metadata?: { name?: unknown }; status?: { addresses?: unknown } };
    if (typeof o?.metadata?.name !== 'string') return [];
    const addresses = Array.isArray(o.status?.addresses)
      ? o.status.addresses.flatMap((a: unknown) => {
          const address = (a as { address?: unknown })?.address;
          return typeof address === 'string' ? [address] : [];
        })
      : [];
    return [{ name: o.metadata.name, addresses }];
  });
}

/** The one Node whose addresses hold one of this host's IPs (loopback ignored); null when none or several. */
export function matchNodeByAddress(
  nodes: readonly ApiNodeAddresses[],
  hostIps: readonly string[],
): ApiNodeAddresses | null {
  const mine = new Set(hostIps.filter((ip) => !/^127\./.test(ip) && ip !== '::1'));
  const hits = nodes.filter((n) => n.addresses.some((a) => mine.has(a)));
  return hits.length === 1 ? (hits[0] ?? null) : null;
}

/**
 * This host's addresses from /proc/net/fib_trie (readable by every user, no tool needed): the
 * `/32 host LOCAL` entries, the address being the `|--` line above each.
 */
export function localIpv4FromFibTrie(text: string): string[] {
  const out = new Set<string>();
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (!/\/32 host LOCAL/.test(lines[i] ?? '')) continue;
    const m = /\|--\s+(\d+\.\d+\.\d+\.\d+)/.exec(lines[i - 1] ?? '');
    if (m) out.add(m[1] as string);
  }
  return [...out];
}
