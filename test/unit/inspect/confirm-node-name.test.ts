/**
 * Confirming an uncertain node name against the API's Nodes. The Node list below has the shape
 * `kubectl get nodes -o json` prints (status.addresses as the kubelet reports them:
 * pkg/kubelet/nodestatus/setters.go `NodeAddress` — InternalIP, and Hostname); the case of a
 * cloud-named node is the one cmd/kubelet/app/server.go `getNodeName` describes: an in-tree cloud
 * provider names the node (on AWS, the private DNS name), not the host name.
 */
import { describe, expect, it } from 'vitest';
import { confirmNodeName } from '../../../src-main/inspect/confirm-node-name';
import type { BatchSection } from '../../../src-main/node/batch/batch-script';

function section(code: number, stdout: string, stderr = ''): BatchSection {
  return { code, stdout: Buffer.from(stdout), stderr };
}

const nodeList = JSON.stringify({
  apiVersion: 'v1',
  kind: 'List',
  items: [
    {
      kind: 'Node',
      metadata: { name: 'ip-10-0-1-17.eu-west-1.compute.internal' },
      status: {
        addresses: [
          { type: 'InternalIP', address: '10.0.1.17' },
          { type: 'Hostname', address: 'ip-10-0-1-17.eu-west-1.compute.internal' },
        ],
      },
    },
    {
      kind: 'Node',
      metadata: { name: 'ip-10-0-1-18.eu-west-1.compute.internal' },
      status: { addresses: [{ type: 'InternalIP', address: '10.0.1.18' }] },
    },
  ],
});

const unsure = {
  name: 'cp-1',
  how: 'the host name cp-1 (no --hostname-override), lower-cased as the kubelet does. The kubelet runs with --cloud-provider=aws, which may name the node itself; the API is asked to confirm.',
  certain: false,
};

describe('confirming the node name against the API', () => {
  it('takes the name of the one Node that holds this host address, and says so', () => {
    const confirmed = confirmNodeName(unsure, section(0, nodeList), ['127.0.0.1', '10.0.1.17']);
    expect(confirmed.name).toBe('ip-10-0-1-17.eu-west-1.compute.internal');
    expect(confirmed.certain).toBe(true);
    expect(confirmed.how).toContain("has this host's address 10.0.1.17");
    expect(confirmed.how).toContain('not cp-1');
  });

  it('confirms the discovered name when its Node holds this host address', () => {
    const same = { ...unsure, name: 'ip-10-0-1-18.eu-west-1.compute.internal' };
    const confirmed = confirmNodeName(same, section(0, nodeList), ['10.0.1.18']);
    expect(confirmed).toMatchObject({ name: same.name, certain: true });
    expect(confirmed.how).toContain(
      'Confirmed by the API: Node ip-10-0-1-18.eu-west-1.compute.internal has address 10.0.1.18',
    );
  });

  it('keeps the name unconfirmed, with the reason, when no Node matches or the list failed', () => {
    const none = confirmNodeName(unsure, section(0, nodeList), ['127.0.0.1', '192.168.5.5']);
    expect(none).toMatchObject({ name: 'cp-1', certain: false });
    expect(none.how).toContain("No single Node in the API has one of this host's addresses (192.168.5.5)");
    const refused = confirmNodeName(unsure, section(1, '', 'The connection to the server was refused'), [
      '10.0.1.17',
    ]);
    expect(refused).toMatchObject({ name: 'cp-1', certain: false });
    expect(refused.how).toContain('could not list the Nodes');
  });

  it('never asks when discovery was sure, and does not guess without the listing', () => {
    const sure = { ...unsure, certain: true };
    expect(confirmNodeName(sure, section(0, nodeList), ['10.0.1.17'])).toBe(sure);
    expect(confirmNodeName(unsure, undefined, ['10.0.1.17'])).toBe(unsure);
  });
});
