/**
 * A node's pods seen three ways and joined (docs/kubelet.md §0): the manifest files, the
 * runtime's sandboxes and containers (crictl), the API server's pods (kubectl), linked on the
 * static UID; plus the findings that explain where the views disagree (issue 6 point 2).
 */
import type { CriContainer, CriSandbox } from './cri';
import type { StaticPodPathSource } from './discovery';
import type { KubeletLogWindow, NodeNameInfo, NodeSetup, ToolRef } from './node-setup';
import type { ApiPodView } from './pods';

/**
 * What kept the API side from being read. Credentials are not health: `no-credentials` (no
 * kubeconfig this node lets the app use) and `unauthorized`/`forbidden` (the credentials are
 * refused or too narrow) say nothing about whether the API server is up; only `down` does.
 */
export type ApiProblem = 'down' | 'no-credentials' | 'unauthorized' | 'forbidden' | 'no-kubectl' | 'other';

/** Why the API side is empty or partial. */
export interface ApiAvailability {
  available: boolean;
  /** In words, when not available: "The API server refused the connection (10.0.0.10:6443)…" */
  reason: string | null;
  /** The kind of problem, when not available. */
  problem?: ApiProblem | null;
  /** How the API view was read: kubectl on the node, or the user's kubeconfig on this machine. */
  via: 'node-kubectl' | 'kubeconfig';
  /** False when the API answered but has no Node object of this name (mirror pods cannot exist). */
  nodeRegistered: boolean | null;
  /**
   * Set only when the API server itself did not answer (connection refused, unreachable), with
   * the line that says so, verbatim; absent for every other failure (kubectl missing, RBAC…).
   */
  unanswered?: { server: string | null; said: string } | null;
}

/** One entry of the static pod directory as the kubelet reads it (docs/kubelet.md §1.2). */
export interface StaticManifestEntry {
  /** Base name inside the directory. */
  name: string;
  path: string;
  kind: 'file' | 'directory' | 'other';
  /** Names starting with `.` are skipped by the kubelet (§1.2). */
  ignoredByKubelet: boolean;
  /** sha256 of the content, hex; null for non-files. */
  sha256: string | null;
  size: number | null;
  /** `metadata.name` / namespace (`default` when empty, §1.4) of the first YAML document. */
  podName: string | null;
  namespace: string | null;
  /** `<metadata.name>-<node name>`: the name the static pod runs under (§1.4). */
  staticPodName: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Why this file yields no pod (YAML error, not a Pod…), in words; null when it decodes. */
  problem: string | null;
  /** Why its content could not be read ("no permission as ks-user"): then nothing is judged about it. */
  unreadable?: string | null;
}

export interface StaticManifestDirectory {
  path: string | null;
  source: StaticPodPathSource;
  explanation: string;
  disabled: boolean;
  /** False when the path does not exist or could not be read. */
  readable: boolean;
  reason: string | null;
  /** Why it is not readable: it does not exist, or the user may not read it. */
  access?: 'missing' | 'refused' | 'error' | null;
  entries: StaticManifestEntry[];
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
  /**
   * True when apiPod is a mirror the kubelet is replacing (§2.2): its config.mirror is not this
   * running pod's UID, or it is being deleted (deletionTimestamp, e.g. held by a finalizer).
   */
  mirrorStale: boolean;
  /** Manifest files declaring this pod (by `<name>-<node>` and namespace); the last one wins (§1.6). */
  manifestPaths: string[];
}

export type FindingSeverity = 'error' | 'warning' | 'info';

export type FindingKind =
  | 'manifest-without-sandbox'
  | 'manifest-unparsable'
  | 'sandbox-without-manifest'
  | 'mirror-missing'
  | 'mirror-stale'
  | 'duplicate-manifest'
  | 'crash-loop'
  | 'applied-manifest-pod'
  | 'mirror-metadata-changed'
  | 'static-path-missing'
  | 'static-path-disabled'
  | 'static-path-entry-ignored'
  | 'static-path-unreadable'
  | 'static-pods-over-http'
  | 'manifests-unreadable'
  | 'api-credentials';

/** A mismatch between the views, in plain words, with what shows it and what to do. */
export interface Finding {
  kind: FindingKind;
  severity: FindingSeverity;
  title: string;
  explanation: string;
  /** Quoted lines and values, verbatim, that show it. */
  evidence: string[];
  nextStep: string;
  /** The joined pod it is about (its uid), when there is one. */
  podUid: string | null;
  manifestPath: string | null;
  /** The cause (NodePodsSnapshot.causes) that explains this finding, when one does. */
  causeId?: string | null;
}

export type CauseKind = 'api-server-down' | 'runtime-unreachable' | 'static-path-missing';

/** An unknown flag a control-plane component exited on, as its own last lines say. */
export interface BadFlag {
  component: string;
  /** As the component wrote it: `--tls-min-versoin`. */
  flag: string;
  /** The nearest flag the component knows, or null when none is close. */
  suggestion: string | null;
  manifestPath: string;
  /** 1-based line of the manifest that holds the flag, and that line; null when not found. */
  line: number | null;
  lineText: string | null;
}

/**
 * A root cause that explains other findings (its consequences: the findings whose causeId is
 * this id), from evidence the snapshot read. Causes come before every finding.
 */
export interface FindingCause {
  id: string;
  kind: CauseKind;
  title: string;
  explanation: string;
  evidence: string[];
  nextStep: string;
  badFlag: BadFlag | null;
  /** The static pod manifest whose newest backup `manifests.rollback` would put back. */
  rollback: { manifestName: string; manifestPath: string } | null;
}

/** The last attempt of a crash-looping container, read only for those (issue 6 point 2). */
export interface CrashDetails {
  containerId: string;
  exitCode: number | null;
  reason: string | null;
  finishedAt: string | null;
  /** `crictl logs --tail 20`, stdout and stderr merged, crictl's own noise removed (§3.5). */
  lastLines: string[];
}

export interface NodePodsSnapshot {
  /** ms since the epoch, on the app's clock. */
  takenAt: number;
  nodeName: string;
  runtime: { available: boolean; reason: string | null };
  api: ApiAvailability;
  manifests: StaticManifestDirectory;
  pods: JoinedPod[];
  findings: Finding[];
  /** Root causes, first; each explains the findings whose causeId is its id. */
  causes: FindingCause[];
  /** Keyed by container id. */
  crashes: Record<string, CrashDetails>;
  /** Remote round trips this snapshot took (1, or 2 when crash-looping containers were read). */
  roundTrips: number;
  /** What kind of node it is (docs/support-matrix.md). */
  setup?: NodeSetup;
  /** How the node's name was found, and whether the API confirmed it (inspect/confirm-node-name.ts). */
  nodeNameInfo?: NodeNameInfo;
  /** The binaries each view came from (crictl for the runtime, kubectl for the API side). */
  tools?: { crictl: ToolRef; kubectl: ToolRef };
  /** The part of the kubelet's log the findings read. */
  kubeletLog?: KubeletLogWindow;
  /** The user the views read as, and whether as root. */
  readAs?: { user: string; root: boolean };
}

/**
 * Where the API view comes from (issue 6 point 4): kubectl on the node with the node's
 * kubeconfig (admin.conf on control planes, the kubelet's elsewhere), or the user's own
 * kubeconfig and context on this machine through @kubernetes/client-node. Same table either way.
 */
export type ApiSource =
  | { kind: 'node' }
  | {
      kind: 'kubeconfig';
      /** A kubeconfig file on this machine; the default loading rules ($KUBECONFIG, ~/.kube/config) when absent. */
      path?: string;
      /** A context of that kubeconfig; its current context when absent. */
      context?: string;
    };
