/**
 * Delays of the simulated node. Real kubelets take seconds to tens of seconds for each of
 * these (docs/kubelet.md §1.7, §7); the sandbox keeps them short but non-zero so the UI can show
 * the intermediate states (Pending, ContainerCreating, Terminating).
 */
export interface SimTimings {
  /** Sync → sandbox created (RunPodSandbox). */
  sandboxStartMs: number;
  /** Sandbox → containers created and started. */
  containerStartMs: number;
  /** How long a failing container runs before it exits. */
  crashRunMs: number;
  /** Cap on terminationGracePeriodSeconds (sandbox mode; the real kubelet waits up to 30 s). */
  gracePeriodCapMs: number;
  /** A removed pod's stopped sandbox stays NotReady this long before container GC removes it. */
  removeTerminatedAfterMs: number;
  /** kubectl delete of a mirror → new mirror (docs/kubelet.md §2.4, §9.3: "~1–10 s"). */
  mirrorRecreateMs: number;
  /** Mirror created → status pushed by the status manager (it shows `0/1 Pending` until then). */
  mirrorStatusMs: number;
  /** kube-apiserver container running → API answers (readiness). */
  apiReadyMs: number;
  /** API up → kubeadm's add-on phase creates coredns and kube-proxy. */
  addonsMs: number;
  /**
   * With the kubelet's and the runtime's cgroup drivers apart, a running pod's sandbox is killed
   * and re-created this long after it started (real nodes: every few tens of seconds, "x25 over
   * 6m30s" in reports of the SandboxChanged event).
   */
  sandboxChangedMs: number;
}

export const DEFAULT_TIMINGS: SimTimings = {
  sandboxStartMs: 400,
  containerStartMs: 300,
  crashRunMs: 400,
  gracePeriodCapMs: 1000,
  removeTerminatedAfterMs: 1000,
  mirrorRecreateMs: 1500,
  mirrorStatusMs: 1000,
  apiReadyMs: 1000,
  addonsMs: 1500,
  sandboxChangedMs: 4000,
};
