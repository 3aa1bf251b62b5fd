/**
 * A node's pods seen three ways and joined (kubelet-facts §0): the runtime's sandboxes and
 * containers (crictl), the API server's pods (kubectl), linked on the static UID.
 */
import type { CriContainer, CriSandbox } from './cri';
import type { ApiPodView } from './pods';

/** Why the API side is empty or partial. */
export interface ApiAvailability {
  available: boolean;
  /** In words, when not available: "The API server refused the connection (10.0.0.10:6443)…" */
  reason: string | null;
}

/** One pod as the node runs it, with what each view says about it. */
export interface JoinedPod {
  /** Static UID for static pods, the API UID for other pods (= sandbox metadata.uid). */
  uid: string;
  name: string;
  namespace: string;
  /** `static` when the runtime or the API marks it as from a file (config.source / config.mirror). */
  origin: 'static' | 'api';
  /** Newest first; several when the kubelet recreated the sandbox. */
  sandboxes: CriSandbox[];
  /** Every container of those sandboxes, newest first. */
  containers: CriContainer[];
  /** The mirror pod for a static pod, or the pod itself for an API pod. */
  apiPod: ApiPodView | null;
}

export interface NodePodsSnapshot {
  /** ms since the epoch, on the app's clock. */
  takenAt: number;
  nodeName: string;
  runtime: { available: boolean; reason: string | null };
  api: ApiAvailability;
  pods: JoinedPod[];
}
