/**
 * Which manifest file a running static pod comes from, and why every other file declaring the
 * same pod did not win (docs/kubelet.md §1.2, §1.6: the file source reads every name not starting
 * with ".", in byte order, and keeps the last file that declares a pod).
 */
export type StaticPodSourceMatch =
  /** The manifest sets metadata.uid and the pod runs under exactly that UID. */
  | 'manifest-uid'
  /** The pod's config hash is the UID the model derives from the file (the simulated kubelet). */
  | 'config-hash'
  /** The running containers' images match this file and no other candidate. */
  | 'content'
  /** Not matched by content: the file the kubelet keeps by its reading order. */
  | 'directory-rule'
  /** No file declares the pod (any more). */
  | 'none';

export interface StaticPodSource {
  /** Base name of the file in the static pod directory, or null. */
  file: string | null;
  match: StaticPodSourceMatch;
  /** What the match rests on, quoted. */
  evidence: string[];
  /** Every other file that declares (or would declare) the pod, and why it lost. */
  others: Array<{ file: string; why: string }>;
}
