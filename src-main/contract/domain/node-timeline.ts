/**
 * A node's timeline (one time axis): what the app saw change on the node, each event with the
 * observation it rests on and where its time comes from, plus the kubelet log's volume by
 * severity per interval. Flat and JSON-serialisable.
 *
 * Times are ms since the epoch. Runtime created-at times, file mtimes and journal times are the
 * node's clock; snapshot and save times are the app's clock. A skewed node clock shows as such:
 * nothing is adjusted.
 */

export type NodeTimelineEventKind =
  /** The app wrote the file (save, restore, apply). */
  | 'manifest-saved'
  /** The app put a backup back after a failed apply (manifests.rollback). */
  | 'manifest-rolled-back'
  /** The verdict of the watch after the app's save or rollback (running, crash-looping…). */
  | 'apply-verdict'
  /** A file's mtime from the directory listing: modified then, by whoever. */
  | 'manifest-modified'
  /** A static pod runs under a new UID (its manifest content changed, docs/kubelet.md §0). */
  | 'pod-uid-changed'
  /** A pod has a new sandbox under the same UID. */
  | 'sandbox-changed'
  /** A container's attempt (restart count) rose in the same sandbox. */
  | 'container-restarted';

/** Where an event's time comes from. */
export type NodeTimelineTimeSource =
  /** The runtime's `createdAt` of the new sandbox or container (crictl, node clock). */
  | 'runtime-created-at'
  /** The file's mtime from the directory listing (node clock). */
  | 'file-mtime'
  /** The node's `date` right before the app's rename (node clock). */
  | 'node-clock'
  /** When the app finished the write (app clock), the node's clock being unknown. */
  | 'app-clock'
  /** The time of the pods snapshot that first saw the change (app clock): it happened before. */
  | 'snapshot-first-seen';

export interface NodeTimelineEvent {
  /** Stable across reads: the same change is one event. */
  id: string;
  atMs: number;
  kind: NodeTimelineEventKind;
  /** One line for people: "kube-apiserver-controlplane: new static pod UID". */
  title: string;
  /** What was observed, verbatim values: "UID 3f1c… → 9ab2…". */
  detail: string;
  /** The observation it rests on: "pods snapshot (crictl pods)", "save by this app". */
  source: string;
  timeFrom: NodeTimelineTimeSource;
  /** `<namespace>/<name>` of the pod it is about, when one. */
  pod: string | null;
  manifestPath: string | null;
}

/** Kubelet log lines per severity in [startMs, startMs + bucketMs), by journal time. */
export interface LogVolumeBucket {
  startMs: number;
  E: number;
  W: number;
  I: number;
  /** F and lines whose severity is unknown. */
  other: number;
}

export interface NodeTimeline {
  /** The axis: [fromMs, toMs], toMs being "now" on the app's clock. */
  fromMs: number;
  toMs: number;
  /** Events on the axis, oldest first. */
  events: NodeTimelineEvent[];
  /** Events held that are older than the axis. */
  earlier: number;
  /** Events dropped because the node's timeline is full (oldest first). */
  dropped: number;
  bucketMs: number;
  /** One bucket per interval of the axis, oldest first; empty when no log is followed. */
  buckets: LogVolumeBucket[];
  /** Why there are no log buckets, in words; null when there are. */
  logsUnavailable: string | null;
  /** When the app began observing this node (app clock): pod changes before it are unknown. */
  observingSinceMs: number | null;
}
