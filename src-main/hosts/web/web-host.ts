/**
 * Browser mode: the same renderer and the same contract as the Electron app, served over HTTP
 * and a WebSocket bound to 127.0.0.1 only. Every request passes request-guard.ts first; the
 * WebSocket also needs a credential (browser-sessions.ts, docs/security.md "Browser mode"). The
 * pages themselves are the public build and need none: no cookie exists for another port's
 * server to receive.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { BROWSER_PROTOCOL, CLOSE_TAKEN_OVER, LAUNCH_FRAGMENT_KEY, MAX_MESSAGE_BYTES } from '../../contract';
import type { BrowserSessionMessage } from '../../contract/browser-session';
import { createHostSession } from '../../core/dispatcher';
import type { CoreApi } from '../../core/handlers';
import {
  BrowserSessions,
  credentialFromProtocols,
  type BrowserSessionsOptions,
  type Tab,
} from './browser-sessions';
import { isLoopbackHost, isOwnOrigin, parseRequestTarget } from './request-guard';
import { SECURITY_HEADERS, serveStatic } from './static-files';

export const WEBSOCKET_PATH = '/api/ws';

export interface WebHostOptions {
  core: CoreApi;
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Resume-secret lifetime and clock (tests). */
  sessions?: BrowserSessionsOptions;
}

export interface Launch {
  /** `http://127.0.0.1:<port>/#token=<token>`: opens one tab, once. */
  url: string;
  token: string;
}

export interface WebHost {
  origin: string;
  port: number;
  /** A new launch link; the previous one stops working if it was not used yet. */
  launch(): Launch;
  /** Called each time a launch token is used (the launch file can go). */
  onLaunchUsed(listener: () => void): void;
  close(): Promise<void>;
}

const LISTEN_ADDRESS = '127.0.0.1';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const server = http.createServer();
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // The upgrade was only let through with our protocol offered: select it (RFC 6455 §4.2.2).
    handleProtocols: (offered) => (offered.has(BROWSER_PROTOCOL) ? BROWSER_PROTOCOL : false),
  });
  const sessions = new BrowserSessions(options.sessions);
  const launchListeners: Array<() => void> = [];
  let port = 0;

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const plain = { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' };
    if (!isLoopbackHost(request.headers.host, port)) {
      response.writeHead(403, plain).end('Forbidden: this server answers only to 127.0.0.1 or localhost.');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...plain, Allow: 'GET, HEAD' }).end('Method not allowed');
      return;
    }
    const url = parseRequestTarget(request.url);
    if (!url) {
      response.writeHead(400, plain).end('Bad request: the request target is not a URL.');
      return;
    }
    serveStatic(options.rendererDir, url.pathname, response, request.method === 'HEAD').catch(() => {
      if (!response.headersSent) response.writeHead(500, plain).end('Internal error while reading the UI.');
      else response.destroy();
    });
  });

  // A request Node's parser refuses never reaches 'request': answer 400 and close, as Node's
  // default does, but also when the socket is already half gone (no write after end).
  server.on('clientError', (_error: Error, socket: Duplex) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until ws takes it over, a reset of this raw socket must not become an uncaught 'error'.
    socket.on('error', () => socket.destroy());
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const target = parseRequestTarget(request.url);
    if (!target) return refuse(400, 'Bad Request');
    if (target.pathname !== WEBSOCKET_PATH) return refuse(404, 'Not Found');
    if (!isLoopbackHost(request.headers.host, port)) return refuse(403, 'Forbidden');
    const origin = request.headers.origin;
    if (!isOwnOrigin(origin, port) || origin === undefined) return refuse(403, 'Forbidden');
    const credential = credentialFromProtocols(request.headers['sec-websocket-protocol']);
    const tab = credential ? sessions.admit(credential, origin.toLowerCase()) : null;
    if (!credential || !tab) return refuse(401, 'Unauthorized');
    if (credential.kind === 'launch') launchListeners.forEach((listener) => listener());
    sockets.handleUpgrade(request, socket, head, (ws) => attachTab(ws, tab, sessions, options.core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LISTEN_ADDRESS, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${LISTEN_ADDRESS}:${port}`;

  return {
    origin,
    port,
    launch() {
      const token = sessions.newLaunchToken();
      return { url: `${origin}/#${LAUNCH_FRAGMENT_KEY}=${token}`, token };
    },
    onLaunchUsed: (listener) => launchListeners.push(listener),
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function attachTab(ws: WebSocket, tab: Tab, sessions: BrowserSessions, core: CoreApi) {
  const closeConnection = () => ws.close(CLOSE_TAKEN_OVER, 'This tab connected again.');
  const resume = sessions.attach(tab, closeConnection);
  const first: BrowserSessionMessage = { type: 'browser-session', resume };
  ws.send(JSON.stringify(first));
  const session = createHostSession(core, (message) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    try {
      session.receive(JSON.parse(data.toString()));
    } catch {
      // Not JSON: ignore, as the dispatcher ignores any malformed message.
    }
  });
  // A protocol error (oversize frame, invalid UTF-8, reserved opcode) ends this connection only:
  // ws closes it with the matching status code and emits 'error', which must have a listener.
  ws.on('error', () => ws.terminate());
  ws.on('close', () => {
    session.dispose();
    sessions.detach(tab, closeConnection);
  });
}
