/**
 * `kubeadm-json-logs` over real OpenSSH: the kubelet run with `--logging-format=json` (from
 * /etc/default/kubelet) writes klog JSON to its journal unit (k8s.io/component-base/logs/json:
 * `ts`, `caller`, `msg`, `v` on info lines, the pairs; klog's KObj an object `{name,
 * namespace}`, KObjSlice an array of them — docs/kubelet.md §5.3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNodes, type TestNodeSet } from '../../../nodes/index';
import { eventually, SANDBOX_DIR } from '../helpers';
import { on, processes } from './node-shell';

let nodes: TestNodeSet;

beforeAll(async () => {
  nodes = await startTestNodes({
    profile: 'kubeadm-json-logs',
    count: 1,
    sandboxDir: SANDBOX_DIR,
    kubeletVerbosity: 2,
  });
  await nodes.controlPlane.waitForApiServer();
});

afterAll(async () => {
  await nodes?.stop();
});

type Line = { ts: number; caller: string; msg: string; v?: number; [key: string]: unknown };

async function lines(): Promise<Line[]> {
  const out = await on(nodes, 'sudo journalctl -u kubelet -o cat --no-pager');
  return out.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

describe('kubeadm-json-logs', () => {
  it('runs the kubelet with --logging-format=json from /etc/default/kubelet', async () => {
    expect((await on(nodes, 'cat /etc/default/kubelet')).stdout).toMatch(
      /^KUBELET_EXTRA_ARGS=.*--logging-format=json/,
    );
    expect((await processes(nodes)).find((p) => p.comm === 'kubelet')?.args).toContain(
      ' --logging-format=json',
    );
  });

  it('logs one JSON object a line: ts, caller, msg, v; pod an object, pods an array of objects', async () => {
    expect(
      await eventually(
        async () => (await lines()).some((l) => l.msg === 'Observed pod startup duration'),
        10_000,
      ),
    ).toBe(true);
    const all = await lines();
    for (const l of all) {
      expect(Object.keys(l).slice(0, 3)).toEqual(['ts', 'caller', 'msg']);
      expect(typeof l.ts).toBe('number');
      expect(l.caller).toMatch(/^\w+\/[\w.]+\.go:\d+$/);
    }
    const add = all.find((l) => l.msg === 'SyncLoop ADD' && l.source === 'file');
    expect(add).toMatchObject({
      v: 2,
      pods: [{ name: expect.stringMatching(/-controlplane$/), namespace: 'kube-system' }],
    });
    const observed = all.find((l) => l.msg === 'Observed pod startup duration');
    expect(observed?.pod).toEqual({
      name: expect.stringMatching(/-controlplane$/),
      namespace: 'kube-system',
    });
    expect(observed?.v).toBe(0);
  });
});
