import { describe, expect, it } from 'vitest';
import type { CriContainer, CriSandbox } from '../../../src-main/contract/domain/cri';
import { BACKOFF_RESET_MS, crashLoops } from '../../../src-main/inspect/findings/container-findings';
import { joinPods } from '../../../src-main/inspect/join-pods';

// A crash loop between two crashes: the kubelet has started the container again (attempt 3,
// Running), the previous instance lies exited beside it (the kubelet keeps the last dead one,
// docs/kubelet.md §3.1). The kubelet still holds the back-off until the container has run 10
// minutes (client-go util/flowcontrol/backoff.go), so the finding must not blink out.
const UID = '9be8cb46a1dea5b6d6b30e6bcbb810a7';
const NOW = 1_700_000_000_000;
const sandbox: CriSandbox = {
  id: 's'.repeat(64),
  name: 'crasher-controlplane',
  namespace: 'kube-system',
  uid: UID,
  attempt: 0,
  state: 'ready',
  createdAtNs: null,
  createdAtMs: NOW - 120_000,
  labels: { 'io.kubernetes.pod.uid': UID },
  annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.hash': UID },
  runtimeHandler: '',
  configHash: UID,
};
const container = (attempt: number, state: CriContainer['state'], createdAtMs: number): CriContainer => ({
  id: `${attempt}`.repeat(64),
  podSandboxId: sandbox.id,
  name: 'main',
  attempt,
  image: 'sha256:abc',
  imageRef: 'busybox@sha256:abc',
  imageId: '',
  state,
  createdAtNs: null,
  createdAtMs,
  labels: {},
  annotations: {},
  podName: 'crasher-controlplane',
  podNamespace: 'kube-system',
  podUid: UID,
});
// The previous instance was created (and died) before the current one.
const loopsAt = (current: CriContainer) =>
  crashLoops(
    joinPods([sandbox], [current, container(2, 'exited', (current.createdAtMs ?? NOW) - 15_000)], []),
    NOW,
  );

describe('a crash loop between two crashes', () => {
  it('is still a crash loop while the restarted container has run less than 10 minutes', () => {
    const loops = loopsAt(container(3, 'running', NOW - 2_000));
    expect(loops).toHaveLength(1);
    expect(loops[0]?.runningForMs).toBe(2_000);
  });

  it('is one while the container is exited and waits for its next start', () => {
    expect(loopsAt(container(3, 'exited', NOW - 2_000))).toHaveLength(1);
  });

  it('is over once the container has run 10 minutes, as the kubelet resets its back-off', () => {
    expect(loopsAt(container(3, 'running', NOW - BACKOFF_RESET_MS - 1))).toHaveLength(0);
  });

  it('a container never restarted is no loop', () => {
    const pods = joinPods([sandbox], [container(0, 'running', NOW - 1_000)], []);
    expect(crashLoops(pods, NOW)).toHaveLength(0);
  });
});
