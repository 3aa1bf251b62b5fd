/**
 * A served certificate and key re-read before each connection, the way the real API server's
 * DynamicServingContentFromFiles behaves [src: staging/src/k8s.io/apiserver/pkg/server/
 * dynamiccertificates/dynamic_serving_content.go loadCertKeyPair]: a changed pair is served from
 * the next connection on; a pair that does not load (unreadable, or a certificate whose key does
 * not match: `tls.X509KeyPair` fails there) leaves the pair served so far, with an error logged.
 * So a renewed certificate is seen by the doctor's probe, and a renewal whose key was not
 * replaced is "renewed but not reloaded", as on a real node.
 */
import type net from 'node:net';
import type tls from 'node:tls';

export interface PemPairText {
  cert: string;
  key: string;
}

export function reloadPairOnChange(
  server: tls.Server,
  first: PemPairText,
  read: () => PemPairText | null,
  /** Context options kept across reloads (the client CA, client certificate requests). */
  context: tls.SecureContextOptions,
  log: (line: string) => void,
): void {
  let served = first;
  // Before the TLS socket is made, so this connection already gets the new context.
  server.prependListener('connection', (_socket: net.Socket) => {
    const next = read();
    if (!next || (next.cert === served.cert && next.key === served.key)) return;
    try {
      server.setSecureContext({ ...context, cert: next.cert, key: next.key });
      served = next;
    } catch (e) {
      log(
        `the new certificate and key do not load, the previous pair is still served: ${(e as Error).message}`,
      );
    }
  });
}
