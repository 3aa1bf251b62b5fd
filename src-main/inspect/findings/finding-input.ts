/** What every finding rule reads: one pods snapshot's parts, before findings are added. */
import type { KlogRecord } from '../../contract/domain/logs';
import type { KubeletLogWindow } from '../../contract/domain/node-setup';
import type {
  ApiAvailability,
  CrashDetails,
  Finding,
  JoinedPod,
  StaticManifestDirectory,
} from '../../contract/domain/node-pods';

export interface FindingInput {
  nodeName: string;
  runtime: { available: boolean; reason: string | null };
  api: ApiAvailability;
  manifests: StaticManifestDirectory;
  pods: JoinedPod[];
  /** The kubelet's lines of the window read (kubeletLog), oldest first. */
  journal: KlogRecord[];
  /** What part of the kubelet's log `journal` is, and whether it could be read at all. */
  kubeletLog?: KubeletLogWindow;
  crashes: Record<string, CrashDetails>;
  /** When the snapshot was taken (ms, the app's clock); now when absent. */
  nowMs?: number;
  /** A manifest's text as read with the listing (null when not read), for the lines causes point to. */
  manifestText?: (path: string) => string | null;
}

export type FindingRule = (input: FindingInput) => Finding[];

/** A kubelet journal line as evidence: the klog line itself, verbatim. */
export function quoteLine(record: KlogRecord): string {
  return record.raw;
}

export function podRef(pod: { namespace: string; name: string }): string {
  return `${pod.namespace}/${pod.name}`;
}

/** A static pod the runtime actually runs now: a ready sandbox or a running container. */
export function isRunning(pod: JoinedPod): boolean {
  return pod.sandboxes.some((s) => s.state === 'ready') || pod.containers.some((c) => c.state === 'running');
}

export function finding(
  f: Omit<Finding, 'podUid' | 'manifestPath' | 'causeId'> & Partial<Pick<Finding, 'podUid' | 'manifestPath'>>,
): Finding {
  return { podUid: null, manifestPath: null, causeId: null, ...f };
}
