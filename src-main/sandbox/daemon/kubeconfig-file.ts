/**
 * The kubelet's own kubeconfig (`--kubeconfig`, kubeadm's /etc/kubernetes/kubelet.conf): which
 * API server it talks to and with which client certificate, as client-go's clientcmd resolves
 * the current context (cluster `server` and `certificate-authority-data`, user
 * `client-certificate-data` and `client-key-data`). The simulated kubelet reads it to decide
 * whether its API is another node's (it joined a cluster) and to reach that API over HTTPS.
 *
 * Anything else — a missing file, the placeholders a first start writes without certificates
 * (engine/node/init-root.ts), a file reference instead of inline data — is "no usable
 * kubeconfig": the kubelet then keeps to its own node, as before.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import { parse } from 'yaml';

export interface KubeletCredentials {
  /** `https://host:port` */
  server: string;
  host: string;
  port: number;
  ca: string;
  cert: string;
  key: string;
  /** The user the certificate names (its CN), e.g. `system:node:node01`. */
  user: string;
}

type Named<T> = Array<{ name?: unknown } & T>;

const decode = (v: unknown): string | null =>
  typeof v === 'string' && v.length > 0 ? Buffer.from(v, 'base64').toString('utf8') : null;

/** Parses a kubeconfig's text; null when it does not name a server with inline TLS credentials. */
export function parseKubeletCredentials(text: string): KubeletCredentials | null {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 10 });
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null) return null;
  const config = doc as {
    'current-context'?: unknown;
    contexts?: Named<{ context?: { cluster?: unknown; user?: unknown } }>;
    clusters?: Named<{ cluster?: { server?: unknown; 'certificate-authority-data'?: unknown } }>;
    users?: Named<{ user?: { 'client-certificate-data'?: unknown; 'client-key-data'?: unknown } }>;
  };
  const list = <T>(v: Named<T> | undefined): Named<T> => (Array.isArray(v) ? v : []);
  const context = list(config.contexts).find((c) => c.name === config['current-context'])?.context;
  const cluster = list(config.clusters).find((c) => c.name === context?.cluster)?.cluster;
  const user = list(config.users).find((u) => u.name === context?.user)?.user;
  const ca = decode(cluster?.['certificate-authority-data']);
  const cert = decode(user?.['client-certificate-data']);
  const key = decode(user?.['client-key-data']);
  if (typeof cluster?.server !== 'string' || !ca || !cert || !key) return null;
  let url: URL;
  try {
    url = new URL(cluster.server);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  try {
    new X509Certificate(ca);
    const subject = new X509Certificate(cert).subject;
    createPrivateKey(key);
    const cn = /^CN=(.*)$/m.exec(subject)?.[1];
    if (!cn) return null;
    return {
      server: `https://${url.host}`,
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port || 443),
      ca,
      cert,
      key,
      user: cn,
    };
  } catch {
    // The placeholders of a node without certificates ("simulated") are no PEM.
    return null;
  }
}

export function readKubeletCredentials(file: string): KubeletCredentials | null {
  try {
    return parseKubeletCredentials(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
