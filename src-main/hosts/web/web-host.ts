/**
 * Browser mode: the same renderer and the same contract as the Electron app, served over HTTP
 * and a WebSocket bound to 127.0.0.1 only. Every request passes request-guard.ts first.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../contract';
import { createHostSession } from '../../core/dispatcher';
import type { CoreApi } from '../../core/handlers';
import {
  SESSION_COOKIE,
  isLoopbackHost,
  isOwnOrigin,
  newToken,
  parseRequestTarget,
  readCookie,
  sessionCookie,
  tokensEqual,
} from './request-guard';
import { SECURITY_HEADERS, serveStatic } from './static-files';

export const WEBSOCKET_PATH = '/api/ws';

export interface WebHostOptions {
  core: CoreApi;
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LISTEN_ADDRESS = '127.0.0.1';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newToken();
  const server = http.createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = 0;

  const isAuthorised = (request: IncomingMessage) => tokensEqual(readCookie(request, SESSION_COOKIE), token);

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
    const given = url.searchParams.get('token');
    if (given !== null) {
      if (!tokensEqual(given, token)) {
        response
          .writeHead(401, plain)
          .end('Unauthorised: the token in this URL is not the one printed at start-up.');
        return;
      }
      // Exchange the token for the cookie and drop it from the address bar and history.
      url.searchParams.delete('token');
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        'Set-Cookie': sessionCookie(token),
        Location: url.pathname + url.search,
      });
      response.end();
      return;
    }
    if (!isAuthorised(request)) {
      response
        .writeHead(401, plain)
        .end('Unauthorised: open the URL that `kubelet-studio serve` printed, with its token.');
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
    if (!isOwnOrigin(request.headers.origin, port)) return refuse(403, 'Forbidden');
    if (!isAuthorised(request)) return refuse(401, 'Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => attachSession(ws, options.core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LISTEN_ADDRESS, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LISTEN_ADDRESS}:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function attachSession(ws: WebSocket, core: CoreApi) {
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
  ws.on('close', () => session.dispose());
}
