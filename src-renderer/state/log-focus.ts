/**
 * "Show this pod's kubelet lines" (issue 7 point 3): one click in the Pods or the Manifests pane
 * sets the focus here; the Logs pane follows it (sets its pod filter — `pod="ns/name"`, podUID,
 * manifest path, docs/kubelet.md §5.3 — and moves the keyboard focus to itself). A tiny external
 * store read with useSyncExternalStore, so the panes need no shared parent state.
 */
import { useSyncExternalStore } from 'react';
import type { LogPodFilter } from '../../src-main/contract/domain/log-filter';
import type { ManifestDirectory } from '../../src-main/contract/domain/manifests';
import { podLogFilter } from '../../src-main/contract/domain/pod-log-link';

export interface LogFocus {
  pod: LogPodFilter;
  /** What the Logs pane's pod field shows. */
  label: string;
  /** Changes on every request, so asking twice for the same pod focuses again. */
  nonce: number;
}

let current: LogFocus | null = null;
let nonce = 0;
const listeners = new Set<() => void>();

/** The pod field's text for a filter: the name as klog writes it, else the UID or path. */
export function logFocusLabel(pod: LogPodFilter): string {
  return pod.pod ?? pod.manifestPath ?? pod.podUID ?? '';
}

export function focusPodLogs(pod: LogPodFilter): void {
  nonce += 1;
  current = { pod, label: logFocusLabel(pod), nonce };
  for (const listener of listeners) listener();
}

/**
 * A manifest's lines: its path (e.g. "Could not process manifest file" path=…) and, when it
 * parses, the pod it yields (docs/kubelet.md §1.3, §5.3). The static UID is a hash the renderer
 * does not know; the pod name and path cover the kubelet's lines about it.
 */
export function focusManifestLogs(directory: ManifestDirectory | null, name: string): void {
  const entry = directory?.entries.find((e) => e.name === name);
  const manifestPath = entry?.path ?? (directory?.path ? `${directory.path}/${name}` : null);
  if (entry?.verdict.kind === 'pod')
    focusPodLogs(podLogFilter(entry.verdict.namespace, entry.verdict.podName, null, manifestPath));
  else if (manifestPath) focusPodLogs({ manifestPath });
}

export function subscribeLogFocus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getLogFocus(): LogFocus | null {
  return current;
}

export function useLogFocus(): LogFocus | null {
  return useSyncExternalStore(subscribeLogFocus, getLogFocus, getLogFocus);
}
