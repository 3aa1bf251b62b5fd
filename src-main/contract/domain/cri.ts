/**
 * What the container runtime reports about pod sandboxes and containers, as read with
 * crictl (docs/kubelet.md §3). Flat, JSON-serialisable values only: int64 nanosecond times
 * stay decimal strings (protojson prints them quoted, §3.3), plus a millisecond number for
 * display that may lose sub-millisecond precision.
 */

/** `SANDBOX_READY` / `Ready` → `ready`; `SANDBOX_NOTREADY` / `NotReady` → `notready`. */
export type CriSandboxState = 'ready' | 'notready' | 'unknown';

/** `CONTAINER_RUNNING` / `Running` → `running`, and so on (§3.2, §3.3). */
export type CriContainerState = 'created' | 'running' | 'exited' | 'unknown';

/** One element of `crictl pods -o json` → `items[]` (§3.3). */
export interface CriSandbox {
  /** Full 64-hex sandbox id. */
  id: string;
  name: string;
  namespace: string;
  /** `metadata.uid`: the static UID (32 hex) for static pods (§0). */
  uid: string;
  attempt: number;
  state: CriSandboxState;
  /** Nanoseconds since the epoch as a decimal string, or null when absent. */
  createdAtNs: string | null;
  createdAtMs: number | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Empty string = the runtime's default handler (`(default)` in the table, §3.2). */
  runtimeHandler: string;
  /** Annotation `kubernetes.io/config.hash`; equals `uid` for static pods (§0, §3.1). */
  configHash: string | null;
}

/** One element of `crictl ps -o json` → `containers[]` (§3.3). */
export interface CriContainer {
  id: string;
  podSandboxId: string;
  name: string;
  /** = restart count (§3.1). */
  attempt: number;
  /** `image.image`: containerd puts the `sha256:` image id here (§3.3). */
  image: string;
  /** Top-level `imageRef`: containerd puts `repo@sha256:` here. */
  imageRef: string;
  /** `imageId` (newer cri-api); empty when absent. */
  imageId: string;
  state: CriContainerState;
  createdAtNs: string | null;
  createdAtMs: number | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** From label `io.kubernetes.pod.name` etc. (§3.1); null when the label is missing. */
  podName: string | null;
  podNamespace: string | null;
  podUid: string | null;
}

/** `crictl inspectp` (§3.4): the sandbox status plus the runtime's verbose info. */
export interface CriSandboxInspect {
  id: string;
  name: string;
  namespace: string;
  uid: string;
  attempt: number;
  state: CriSandboxState;
  /** As printed: RFC3339 in the node's time zone (≥2018) or int64 ns (2017). */
  createdAt: string | null;
  createdAtMs: number | null;
  ip: string | null;
  additionalIps: string[];
  /** `linux.namespaces.options.network`: `NODE` for hostNetwork pods; or `hostNetwork` (2017). */
  networkNamespaceMode: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  runtimeHandler: string;
  /** Process id of the sandbox from `info.pid` (containerd), when present. */
  pid: number | null;
  /** `info` as JSON text (it may be an object or a JSON string, §3.4); null if absent. */
  infoJson: string | null;
}

/** `crictl inspect` (§3.4): the container status plus the runtime's verbose info. */
export interface CriContainerInspect {
  id: string;
  name: string;
  attempt: number;
  state: CriContainerState;
  createdAt: string | null;
  startedAt: string | null;
  /** Null when the container never finished (`0001-01-01…`, or `1970-01-01…` in 2018). */
  finishedAt: string | null;
  createdAtMs: number | null;
  startedAtMs: number | null;
  finishedAtMs: number | null;
  exitCode: number;
  image: string;
  imageRef: string;
  reason: string;
  message: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  logPath: string;
  podName: string | null;
  podNamespace: string | null;
  podUid: string | null;
  pid: number | null;
  infoJson: string | null;
}

/** logrus severities crictl prints on stderr (§3.5). */
export type CrictlLogLevel = 'trace' | 'debug' | 'info' | 'warning' | 'error' | 'fatal' | 'panic' | 'unknown';

/** One stderr line of crictl, structured (§3.5). */
export interface CrictlDiagnostic {
  level: CrictlLogLevel;
  message: string;
  /** Extra logrus fields (`error="…"`), in order of appearance. */
  fields: Array<{ key: string; value: string }>;
  /** `time="…"` of the non-TTY format; null on a TTY (`WARN[0000]`). */
  time: string | null;
  /** True for the known harmless warnings (missing /etc/crictl.yaml, default endpoints). */
  noise: boolean;
  raw: string;
}
