/**
 * One TLS port of a simulated component, with the credentials asked for at every connection,
 * so each component can load its files as the real one does: at every handshake (etcd), when
 * they change (dynamic reload), or once (a pair loaded at start). A provider that returns null
 * keeps the pair served so far, or, with `refuseWithoutPair`, fails the handshake (etcd cannot
 * load its pair: no certificate is served).
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type net from 'node:net';
import tls from 'node:tls';

export interface ServedPair {
  cert: string;
  key: string;
  /** Client CA: with it, a client certificate is required and verified (etcd --client-cert-auth). */
  clientCa?: string;
}

export interface TlsPortOptions {
  host: string;
  port: number;
  credentials: () => ServedPair | null;
  refuseWithoutPair?: boolean;
  respond: (req: IncomingMessage, res: ServerResponse) => void;
  log: (line: string) => void;
}

function contextOf(pair: ServedPair): tls.SecureContextOptions & tls.TlsOptions {
  return pair.clientCa
    ? { cert: pair.cert, key: pair.key, ca: pair.clientCa, requestCert: true, rejectUnauthorized: true }
    : { cert: pair.cert, key: pair.key };
}

export class TlsPort {
  private server?: https.Server;
  private served?: ServedPair;

  constructor(private readonly opts: TlsPortOptions) {}

  get address(): string {
    return `${this.opts.host}:${this.opts.port}`;
  }

  /** Resolves false when it could not listen (logged) or has no pair to serve. */
  start(): Promise<boolean> {
    const first = this.opts.credentials();
    if (!first) {
      this.opts.log(`${this.address}: no certificate and key to serve`);
      return Promise.resolve(false);
    }
    let server: https.Server;
    try {
      server = https.createServer(contextOf(first), this.opts.respond);
    } catch (e) {
      this.opts.log(`${this.address}: cannot load the certificate and key: ${(e as Error).message}`);
      return Promise.resolve(false);
    }
    this.served = first;
    // Before the TLS socket is made: the context for this connection.
    server.prependListener('connection', (socket: net.Socket) => this.refresh(server, socket));
    server.on('tlsClientError', () => undefined);
    server.on('clientError', (_e, socket) => socket.destroy());
    return new Promise((resolve) => {
      server.once('error', (e) => {
        this.opts.log(`${this.address}: cannot listen: ${e.message}`);
        resolve(false);
      });
      server.listen(this.opts.port, this.opts.host, () => {
        this.server = server;
        resolve(true);
      });
    });
  }

  private refresh(server: https.Server, socket: net.Socket): void {
    const next = this.opts.credentials();
    if (!next) {
      if (this.opts.refuseWithoutPair) socket.destroy();
      return;
    }
    const same =
      this.served &&
      next.cert === this.served.cert &&
      next.key === this.served.key &&
      next.clientCa === this.served.clientCa;
    if (same) return;
    try {
      server.setSecureContext(contextOf(next));
      this.served = next;
    } catch (e) {
      // A certificate whose key does not match: the pair does not load; the old one stays.
      this.opts.log(`${this.address}: the new certificate and key do not load: ${(e as Error).message}`);
      if (this.opts.refuseWithoutPair) socket.destroy();
    }
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
