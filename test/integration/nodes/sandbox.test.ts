/**
 * The simulated Kubernetes side as a user meets it over SSH: `sudo crictl pods -o json` on the
 * control plane lists the four kubeadm static pods' sandboxes; a worker has none of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TestNodeSet } from '../../nodes/index';
import { startTestNodes } from '../../nodes/index';
import { eventually, SANDBOX_DIR, ssh } from './helpers';

const KUBEADM_STATIC_PODS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];

/** Only the fields this test relies on; crictl prints many more (docs/kubelet.md §3.3). */
const PodList = z.object({
  items: z.array(
    z.object({ id: z.string(), metadata: z.object({ name: z.string(), namespace: z.string() }) }),
  ),
});

let nodes: TestNodeSet;

beforeAll(async () => {
  nodes = await startTestNodes({ count: 2, sandboxDir: SANDBOX_DIR });
});

afterAll(async () => {
  await nodes?.stop();
});

async function sandboxes(node: string): Promise<z.infer<typeof PodList>['items']> {
  const out = await ssh(nodes, node, 'sudo crictl pods -o json');
  expect(out.code, out.stderr).toBe(0);
  return PodList.parse(JSON.parse(out.stdout)).items;
}

describe('simulated kubelet', () => {
  it('lists the four kube-system sandboxes on the control plane with `sudo crictl pods -o json`', async () => {
    const expected = KUBEADM_STATIC_PODS.map((p) => `${p}-controlplane`);
    const kubeSystemNames = async () =>
      (await sandboxes('controlplane'))
        .filter((p) => p.metadata.namespace === 'kube-system')
        .map((p) => p.metadata.name);
    const allThere = async () => {
      const names = await kubeSystemNames();
      return expected.every((e) => names.includes(e));
    };
    // The kubelet starts the static pods right after boot; give it a moment, as on a real node.
    await eventually(allThere, 15_000);
    // Add-on pods (kube-proxy, coredns) may be there too; the four static pods must be.
    expect(await kubeSystemNames()).toEqual(expect.arrayContaining(expected));
  });

  it('runs the kubelet from the nodes copy of the bundles, named kubelet', async () => {
    const out = await ssh(nodes, 'controlplane', 'ps -o comm=,args= -C kubelet');
    expect(out.stdout).toMatch(
      new RegExp(`^kubelet +kubelet ${nodes.info.sandboxDir}/kubelet\\.cjs --config=`),
    );
  });

  it('waits for the API server, then kubectl lists the mirror pods', async () => {
    await nodes.controlPlane.waitForApiServer();
    const out = await ssh(nodes, 'controlplane', 'sudo kubectl get pods -n kube-system -o name');
    expect(out.code, out.stderr).toBe(0);
    for (const pod of KUBEADM_STATIC_PODS) expect(out.stdout).toContain(`pod/${pod}-controlplane\n`);
  });

  it('has no control-plane static pods on a worker', async () => {
    const names = (await sandboxes('node01')).map((p) => p.metadata.name);
    for (const pod of KUBEADM_STATIC_PODS) expect(names).not.toContain(`${pod}-node01`);
  });
});
