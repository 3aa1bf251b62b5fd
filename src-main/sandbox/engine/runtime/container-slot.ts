/**
 * One container of a pod worker (pod-worker.ts): its spec, its current and last runs, why it
 * waits, and what the runtime records of it (the `io.kubernetes.container.*` annotations).
 */
import type { SimContainer } from '../../model';
import { containerSpecHash } from '../ids';
import type { ContainerSpec, PodObject } from '../../../kubelet/pod-object';

export interface Waiting {
  reason: string;
  message?: string;
}

export interface ContainerSlot {
  spec: ContainerSpec;
  restartCount: number;
  current?: SimContainer;
  lastTerminated?: SimContainer;
  waiting?: Waiting;
  pullFailures: number;
  /** Components handle SIGTERM and exit 0; other processes are killed after the grace period (137). */
  handlesSigterm?: boolean;
}

/**
 * How a running container ends when stopped: components handle SIGTERM and exit 0; a plain
 * `sleep` as pid 1 ignores it and is killed (137).
 */
export function stopExit(slot: ContainerSlot): { code: number; reason: string } {
  return slot.handlesSigterm ? { code: 0, reason: 'Completed' } : { code: 137, reason: 'Error' };
}

export function containerAnnotations(slot: ContainerSlot, pod: PodObject): Record<string, string> {
  const out: Record<string, string> = {
    'io.kubernetes.container.hash': containerSpecHash(slot.spec),
    'io.kubernetes.container.restartCount': String(slot.restartCount),
    'io.kubernetes.container.terminationMessagePath': '/dev/termination-log',
    'io.kubernetes.container.terminationMessagePolicy': 'File',
    'io.kubernetes.pod.terminationGracePeriod': String(pod.spec.terminationGracePeriodSeconds ?? 30),
  };
  const ports = slot.spec.ports;
  if (Array.isArray(ports) && ports.length > 0) out['io.kubernetes.container.ports'] = JSON.stringify(ports);
  return out;
}

/** The component a container runs: its command's base name. */
export function componentOf(spec: ContainerSpec): string {
  return (spec.command?.[0] ?? '').split('/').pop() ?? '';
}
