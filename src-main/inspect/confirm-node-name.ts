/**
 * Confirming the node's name against the API (docs/distributions.md "The node name"). The
 * kubelet registers under `--hostname-override`, the host name, or a name an in-tree cloud
 * provider gives (cmd/kubelet/app/server.go `getNodeName`); k3s with `with-node-id` appends the
 * content of /etc/rancher/node/id. When discovery could not be sure which (nodeNameInfo.certain
 * false), the pods snapshot also lists the Nodes, and the Node whose status.addresses hold one of
 * this host's IPs is the one this kubelet registered (the kubelet reports the host's addresses:
 * pkg/kubelet/nodestatus/setters.go `NodeAddress`). Mirror pods are named `<pod>-<node name>`
 * (pkg/kubelet/config/common.go), so a wrong name loses every mirror pod in the join.
 */
import type { NodeNameInfo } from '../contract/domain/node-setup';
import type { BatchSection } from '../node/batch/batch-script';
import { matchNodeByAddress, nodeAddressesFromList } from '../node/discovery/node-name';

/**
 * What the API says of the name, from the `nodes` section of the snapshot (kubectl get nodes -o
 * json). Never claims more than was read: no section, a failed listing or no single match keep
 * the discovered name, still marked uncertain, with the reason.
 */
export function confirmNodeName(
  found: NodeNameInfo,
  nodesSection: BatchSection | undefined,
  hostIps: readonly string[],
): NodeNameInfo {
  if (found.certain) return found;
  if (!nodesSection) return found;
  if (nodesSection.code !== 0) {
    return {
      ...found,
      how: `${found.how} The API could not list the Nodes to confirm it (kubectl exited with ${nodesSection.code}).`,
    };
  }
  const nodes = nodeAddressesFromList(nodesSection.stdout.toString('utf8'));
  const match = matchNodeByAddress(nodes, hostIps);
  if (!match) {
    const ips = hostIps.filter((ip) => !/^127\./.test(ip)).join(', ') || 'none read';
    return {
      ...found,
      how: `${found.how} No single Node in the API has one of this host's addresses (${ips}), so the name is not confirmed.`,
    };
  }
  const address = match.addresses.find((a) => hostIps.includes(a)) ?? '';
  if (match.name === found.name) {
    return {
      name: found.name,
      how: `${found.how} Confirmed by the API: Node ${match.name} has address ${address}.`,
      certain: true,
    };
  }
  return {
    name: match.name,
    how: `The API's Node ${match.name} has this host's address ${address}; the kubelet registered under that name, not ${found.name} (${found.how})`,
    certain: true,
  };
}
