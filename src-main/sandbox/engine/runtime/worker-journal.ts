/**
 * The kubelet's journal lines about one pod's containers, as its pod worker writes them: a failed
 * image pull, a sync that failed to start a container (ErrImagePull, ImagePullBackOff,
 * CrashLoopBackOff), and the pod's observed startup duration.
 */
import type { KubeletJournal } from '../journal/journal';
import type { KlogPairs } from '../journal/klog';

const POD_WORKERS = { file: 'pod_workers.go', line: 1301 } as const;

export function podPairs(fullName: string, uid: string): KlogPairs {
  return [
    ['pod', fullName],
    ['podUID', uid],
  ];
}

export function pullFailed(journal: KubeletJournal, image: string, err: string): void {
  journal.error({ file: 'log.go', line: 32 }, 'PullImage from image service failed', err, [['image', image]]);
}

/** `Error syncing pod, skipping` for a container the sync could not start. */
export function startFailed(
  journal: KubeletJournal,
  container: string,
  reason: 'ErrImagePull' | 'ImagePullBackOff' | 'CrashLoopBackOff',
  message: string,
  pod: KlogPairs,
): void {
  journal.error(
    POD_WORKERS,
    'Error syncing pod, skipping',
    `failed to "StartContainer" for "${container}" with ${reason}: "${message}"`,
    pod,
  );
}

export function startupObserved(
  journal: KubeletJournal,
  fullName: string,
  seenAtMs: number,
  runningSinceMs: number,
): void {
  const seconds = (runningSinceMs - seenAtMs) / 1000;
  journal.info({ file: 'pod_startup_latency_tracker.go', line: 104 }, 'Observed pod startup duration', [
    ['pod', fullName],
    ['podStartSLOduration', { raw: seconds.toFixed(9) }],
    ['podStartE2EDuration', `${(seconds * 1000).toFixed(6)}ms`],
    ['podCreationTimestamp', goTime(Math.floor(seenAtMs / 1000) * 1000)],
    ['firstStartedPulling', '0001-01-01 00:00:00 +0000 UTC'],
    ['lastFinishedPulling', '0001-01-01 00:00:00 +0000 UTC'],
    ['observedRunningTime', goTime(runningSinceMs)],
    ['watchObservedRunningTime', goTime(runningSinceMs)],
  ]);
}

/** Go's time.Time String() in UTC: `2024-09-13 03:00:01.929312109 +0000 UTC`. */
export function goTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = ms % 1000 === 0 ? '' : `.${iso.slice(20, 23)}000000`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac} +0000 UTC`;
}
