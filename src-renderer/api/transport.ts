/**
 * Connects the renderer to the core the way chooseTransport (transport-choice.ts) picks: the
 * Electron preload's bridge, or the browser mode's WebSocket on the page's own origin (authenticated
 * as browser-session.ts says). Either way the result is the contract's
 * message channel; a page that cannot reach the core gets one that says why.
 */
import type { ClientChannel, ClientMessage, HostMessage } from '../../src-main/contract';
import { lostReason, sessionProtocols, takeSessionMessage } from './browser-session';
import { refuseOversize } from './message-size';
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
  const socket = new WebSocket(`${scheme}://${location.host}/api/ws`, sessionProtocols());
  const listeners = new Set<(message: HostMessage) => void>();
  const lostListeners: Array<(reason: string) => void> = [];
  const queue: string[] = [];
  let opened = false;
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as HostMessage;
    if (takeSessionMessage(message)) return;
    listeners.forEach((listener) => listener(message));
  });
  const ready = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => {
      opened = true;
      queue.splice(0).forEach((text) => socket.send(text));
      resolve();
    });
    socket.addEventListener('error', () => reject(new Error(lostReason(opened, 0))));
  });
  socket.addEventListener('close', (event) => {
    const reason = lostReason(opened, event.code);
    lostListeners.forEach((listener) => listener(reason));
  });
  return {
    kind: 'browser',
    ready,
    onLost: (listener) => lostListeners.push(listener),
    channel: {
      send(message) {
        const text = JSON.stringify(message);
        const refused = refuseOversize(message, text);
        if (refused) return queueMicrotask(() => listeners.forEach((listener) => listener(refused)));
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
