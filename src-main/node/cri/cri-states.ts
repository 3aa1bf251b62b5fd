/**
 * CRI state names as crictl prints them: enum names in JSON (`SANDBOX_READY`,
 * `CONTAINER_RUNNING`), short words in tables (`Ready`, `Running`) (docs/kubelet.md §3.2,
 * §3.3). Enum numbers are accepted too, in case a serializer prints enums as ints.
 */
import type { CriContainerState, CriSandboxState } from '../../contract/domain/cri';

export function sandboxState(raw: unknown): CriSandboxState {
  switch (raw) {
    case 'SANDBOX_READY':
    case 'Ready':
    case 0:
      return 'ready';
    case 'SANDBOX_NOTREADY':
    case 'NotReady':
    case 1:
      return 'notready';
    default:
      return 'unknown';
  }
}

export function containerState(raw: unknown): CriContainerState {
  switch (raw) {
    case 'CONTAINER_CREATED':
    case 'Created':
    case 0:
      return 'created';
    case 'CONTAINER_RUNNING':
    case 'Running':
    case 1:
      return 'running';
    case 'CONTAINER_EXITED':
    case 'Exited':
    case 2:
      return 'exited';
    default:
      return 'unknown';
  }
}

/** The pod labels the kubelet puts on every CRI container (§3.1). */
export const POD_NAME_LABEL = 'io.kubernetes.pod.name';
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
export const POD_UID_LABEL = 'io.kubernetes.pod.uid';
