/**
 * "Apply and watch" (issue 5 point 5): what the kubelet does with a pod after its manifest was
 * saved, as progress steps, the kubelet's log lines about the pod, and a verdict. Flat and
 * JSON-serialisable; produced by src-main/inspect/apply-watch*.ts.
 */

/**
 * The steps of an edit as the kubelet performs them (docs/kubelet.md §1.7, §2.2): the new
 * content gets a new UID (config hash); the old instance is killed first; then a new sandbox
 * and its containers start; the outdated mirror pod is deleted and a new one created.
 */
export type ApplyWatchStepId =
  'picked-up' | 'old-stopped' | 'sandbox-started' | 'containers-started' | 'mirror-replaced' | 'ready';

export type ApplyWatchStepState = 'pending' | 'done' | 'failed' | 'skipped';

export interface ApplyWatchStep {
  id: ApplyWatchStepId;
  label: string;
  state: ApplyWatchStepState;
  /** Evidence in words: "new config hash 3f2a…", "mirror pod unavailable: API server down". */
  detail: string | null;
  /** ms since the watch started when the step was seen done or failed. */
  atMs: number | null;
}

export type ApplyVerdictKind =
  /** The new instance runs and is ready. */
  | 'running'
  /** The file was removed and the kubelet stopped its pod and deleted the mirror pod. */
  | 'removed'
  /** A container of the new instance keeps exiting (with its last log lines). */
  | 'crash-looping'
  /** The kubelet could not process the file ("Could not process manifest file", §1.3). */
  | 'rejected'
  /** No new config hash within the timeout: the kubelet did not act on the file. */
  | 'not-picked-up'
  /** Picked up, but not running and ready within the timeout (image pull, probes…). */
  | 'timed-out';

export interface ApplyVerdict {
  kind: ApplyVerdictKind;
  /** One sentence for the user. */
  summary: string;
  /** The kubelet's error text, or the crashing container's name and exit. */
  detail: string | null;
  /** The lines that prove it: the container's last log lines, or the kubelet's error line. */
  evidence: string[];
}

/** A kubelet journal line about the watched pod (matched by pod=, podUID= or the manifest path). */
export interface ApplyWatchLogLine {
  /** µs since the epoch (journal __REALTIME_TIMESTAMP), null when absent. */
  realtimeUs: number | null;
  severity: 'I' | 'W' | 'E' | 'F' | 'unknown';
  message: string;
  /** The klog line as the kubelet wrote it. */
  raw: string;
}

/** Which watch this is: after the save, or after the rollback that followed a failure. */
export type ApplyWatchPhase = 'apply' | 'rollback';

export type ApplyWatchEvent =
  | {
      type: 'started';
      phase: ApplyWatchPhase;
      /** `<metadata.name>-<node name>` (docs/kubelet.md §1.4). */
      podName: string;
      namespace: string;
      previousUid: string | null;
      timeoutSeconds: number;
    }
  | {
      type: 'progress';
      phase: ApplyWatchPhase;
      steps: ApplyWatchStep[];
      newUid: string | null;
      elapsedMs: number;
    }
  | { type: 'log'; lines: ApplyWatchLogLine[] }
  /** A probe failed (API server down, a timeout); the watch goes on. */
  | { type: 'notice'; message: string }
  | { type: 'verdict'; phase: ApplyWatchPhase; verdict: ApplyVerdict }
  | { type: 'rollback'; state: 'started' | 'done' | 'failed'; message: string };
