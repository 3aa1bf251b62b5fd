/**
 * Drift across control-plane nodes (docs/cluster.md): for each static pod, the manifests of
 * several nodes compared after masking what is legitimately per node (node name, addresses),
 * naming the node that differs and how.
 */

/** Where a difference lies, so a reader sees at a glance whether it is a flag or an image. */
export type DriftCategory =
  'flags' | 'image' | 'volumes' | 'resources' | 'probes' | 'env' | 'metadata' | 'other';

/** One value of a field, and the nodes that have it. `null`: the field is absent there. */
export interface DriftValue {
  value: string | null;
  nodes: string[];
}

export interface DriftDifference {
  category: DriftCategory;
  /** The container, or null for a pod-level field (volumes, hostNetwork, annotations). */
  container: string | null;
  /** `--audit-log-maxage`, `image`, `volume audit-log: hostPath.path`, `resources.requests.cpu`. */
  field: string;
  /** Every value seen, the most common first (masked: `<node-name>`, `<node-ip>`). */
  values: DriftValue[];
  /**
   * The nodes outside the majority value. Empty when no value is held by more than half of
   * the nodes: then no node can be called the odd one, and `values` says who has what.
   */
  odd: string[];
}

export interface StaticPodDrift {
  /** `namespace/name` from the manifest's metadata (the file name when it could not be read). */
  pod: string;
  /** The manifest file on each node that has the pod. */
  files: Record<string, string>;
  /** `same` on every node that has it and missing on none, else `differs`. */
  status: 'same' | 'differs';
  /** Nodes whose manifest directory was read and has no manifest for this pod. */
  missingOn: string[];
  /**
   * Nodes without a decoded manifest for this pod where some manifest did not decode: it may
   * be this pod's, so it is neither called missing nor compared there.
   */
  undecidedOn: string[];
  differences: DriftDifference[];
}

/** One node as compared: what was read there, and the per-node values that were masked. */
export interface DriftNode {
  name: string;
  /** False when its manifests could not be read (then `detail` says why); it is left out. */
  read: boolean;
  detail: string;
  /** The node's names and addresses replaced by `<node-name>` and `<node-ip>` before comparing. */
  maskedNames: string[];
  maskedAddresses: string[];
  /** Manifests that could not be decoded, with the decoder's error. */
  problems: string[];
}

export interface DriftReport {
  nodes: DriftNode[];
  pods: StaticPodDrift[];
  /** Fields left out of the comparison because they legitimately differ, with the reason. */
  ignored: string[];
  comparedAt: number;
}
