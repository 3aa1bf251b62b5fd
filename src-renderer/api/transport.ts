/**
 * Connects the renderer to the core the way chooseTransport (transport-choice.ts) picks: the
 * Electron preload's bridge, or the browser mode's WebSocket on the page's own origin (the
 * session cookie set by the server authenticates it). Either way the result is the contract's
 * message channel; a page that cannot reach the core gets one that says why.
 */
import type { ClientChannel, ClientMessage, HostMessage } from '../../src-main/contract';
import { chooseTransport, type ElectronBridge } from './transport-choice';

declare global {
  interface Window {
    kubeletStudio?: ElectronBridge;
  }
}

export interface Transport {
  channel: ClientChannel;
  kind: 'electron' | 'browser' | 'unreachable';
  /** Resolves when the channel is usable. */
  ready: Promise<void>;
  /** Called once if the channel is lost for good (browser tab outlived the server). */
  onLost(listener: (reason: string) => void): void;
}

export function connectTransport(): Transport {
  const choice = chooseTransport(location, window.kubeletStudio);
  if (choice.kind === 'unreachable') {
    const ready = Promise.reject(new Error(choice.reason));
    ready.catch(() => undefined); // reported through ApiProvider's own catch, not as unhandled
    return {
      kind: 'unreachable',
      ready,
      onLost: () => {},
      channel: { send: () => {}, onMessage: () => () => {} },
    };
  }
  if (choice.kind === 'electron') {
    const bridge = choice.bridge;
    return {
      kind: 'electron',
      ready: Promise.resolve(),
      onLost: () => {},
      channel: {
        send: (message: ClientMessage) => bridge.send(message),
        onMessage: (listener) => bridge.onMessage((message) => listener(message as HostMessage)),
      },
    };
  }
  return connectWebSocket();
}

function connectWebSocket(): Transport {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/api/ws`);
  const listeners = new Set<(message: HostMessage) => void>();
  const lostListeners: Array<(reason: string) => void> = [];
  const queue: string[] = [];
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as HostMessage;
    listeners.forEach((listener) => listener(message));
  });
  const ready = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => {
      queue.splice(0).forEach((text) => socket.send(text));
      resolve();
    });
    socket.addEventListener('error', () => reject(new Error('Could not reach the Kubelet Studio server.')));
  });
  socket.addEventListener('close', () => {
    const reason =
      'The Kubelet Studio server stopped or the page lost its session. Start it again and open its URL.';
    lostListeners.forEach((listener) => listener(reason));
  });
  return {
    kind: 'browser',
    ready,
    onLost: (listener) => lostListeners.push(listener),
    channel: {
      send(message) {
        const text = JSON.stringify(message);
        if (socket.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(text);
      },
      onMessage(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}
