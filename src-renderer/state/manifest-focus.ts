/**
 * "Open this manifest at this line" (a cause's bad flag, from the Pods pane): the Manifests pane
 * of that node follows it — opens the file, selects the line and moves the keyboard focus to
 * the editor. A tiny external store, like log-focus.ts, so the panes need no shared parent.
 */
import { useSyncExternalStore } from 'react';

export interface ManifestFocus {
  nodeId: string;
  /** Base name in the node's static pod path. */
  name: string;
  /** 1-based. */
  line: number;
  /** Changes on every request, so asking twice for the same line goes there again. */
  nonce: number;
}

let current: ManifestFocus | null = null;
let nonce = 0;
const listeners = new Set<() => void>();

export function focusManifestLine(nodeId: string, name: string, line: number): void {
  nonce += 1;
  current = { nodeId, name, line, nonce };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const get = () => current;

export function useManifestFocus(): ManifestFocus | null {
  return useSyncExternalStore(subscribe, get, get);
}
