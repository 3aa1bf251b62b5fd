/**
 * Which way the renderer reaches the core, decided from where the page was loaded and what the
 * preload put on `window`: the Electron window (app://) talks through the preload's bridge;
 * browser mode (http on 127.0.0.1) through its WebSocket. An app:// page without the bridge
 * cannot reach its core at all, and says so, instead of trying a WebSocket to nowhere and
 * reporting a stopped server.
 */
export interface ElectronBridge {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
}

export type TransportChoice =
  | { kind: 'electron'; bridge: ElectronBridge }
  | { kind: 'browser' }
  | { kind: 'unreachable'; reason: string };

export const MISSING_BRIDGE =
  "This window cannot reach Kubelet Studio's core: its preload script (the window's only link to the core) did not load. " +
  'Reinstall the app; in a development checkout, run npm run build and start it again.';

export const NOT_SERVED =
  'This page was opened as a file, so there is no Kubelet Studio core behind it. Start the app with npm start, or run kubelet-studio serve and open the URL it prints.';

function isBridge(value: unknown): value is ElectronBridge {
  const bridge = value as Partial<ElectronBridge> | null | undefined;
  return typeof bridge?.send === 'function' && typeof bridge.onMessage === 'function';
}

export function chooseTransport(page: { protocol: string }, bridge: unknown): TransportChoice {
  if (isBridge(bridge)) return { kind: 'electron', bridge };
  if (page.protocol === 'http:' || page.protocol === 'https:') return { kind: 'browser' };
  if (page.protocol === 'app:') return { kind: 'unreachable', reason: MISSING_BRIDGE };
  return { kind: 'unreachable', reason: NOT_SERVED };
}
