/**
 * One simulated control-plane node in this process (the kubelet daemon of
 * src-main/sandbox/daemon on a temporary root) with kubeadm-style credentials, so its API is
 * served over HTTPS on a loopback address of its own; and an HTTPS client that presents the
 * admin's, the kubelet's or no client certificate.
 */
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { runSimDaemon, type SimDaemonHandle } from '../../../src-main/sandbox/daemon/daemon';
import { simPaths, type SimPaths } from '../../../src-main/sandbox/paths';
import { API_SERVER_PORT } from '../../../src-main/sandbox/apiserver/server';
import { KUBEADM_CREDENTIALS, writeApiCredentials } from '../../nodes/api-credentials';
import { pickNodeIps } from '../../nodes/node-ips';

export type Who = 'admin' | 'kubelet' | 'anonymous';

export interface ApiAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => unknown;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  accept?: string;
  contentType?: string;
  /** One of the node's users, or other credentials (a certificate of another CA, a token). */
  as?: Who | Omit<Credentials, 'ca'>;
}

export interface Credentials {
  ca: string;
  cert?: string;
  key?: string;
  token?: string;
}

function credentialsOf(kubeconfig: string): Credentials {
  const config = parse(fs.readFileSync(kubeconfig, 'utf8')) as {
    clusters: Array<{ cluster: { 'certificate-authority-data': string } }>;
    users: Array<{ user: { 'client-certificate-data': string; 'client-key-data': string } }>;
  };
  const b64 = (v: string) => Buffer.from(v, 'base64').toString('utf8');
  return {
    ca: b64(config.clusters[0]!.cluster['certificate-authority-data']),
    cert: b64(config.users[0]!.user['client-certificate-data']),
    key: b64(config.users[0]!.user['client-key-data']),
  };
}

export class SimApiNode {
  private constructor(
    readonly root: string,
    readonly paths: SimPaths,
    readonly ip: string,
    private readonly daemon: SimDaemonHandle,
    private readonly creds: Record<Who, Credentials>,
  ) {}

  static async start(): Promise<SimApiNode> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-apiserver-'));
    const [ip] = await pickNodeIps(1);
    const paths = simPaths(root);
    await writeApiCredentials({
      nodeDir: root,
      name: 'controlplane',
      nodeName: 'controlplane',
      nodeIp: ip!,
      places: KUBEADM_CREDENTIALS('control-plane'),
      toHost: (p) => path.join(root, p),
    });
    const daemon = await runSimDaemon({
      paths,
      nodeName: 'controlplane',
      nodeIp: ip!,
      role: 'control-plane',
    });
    const admin = credentialsOf(paths.adminKubeconfig);
    const node = new SimApiNode(root, paths, ip!, daemon, {
      admin,
      kubelet: credentialsOf(paths.kubeletKubeconfig),
      anonymous: { ca: admin.ca },
    });
    return node;
  }

  get server(): string {
    return `https://${this.ip}:${API_SERVER_PORT}`;
  }

  private credentials(as: RequestOptions['as']): Credentials {
    if (as === undefined || typeof as === 'string') return this.creds[as ?? 'admin'];
    return { ...as, ca: this.creds.admin.ca };
  }

  request(pathAndQuery: string, opts: RequestOptions = {}): Promise<ApiAnswer> {
    const c = this.credentials(opts.as);
    const body =
      opts.body === undefined
        ? undefined
        : typeof opts.body === 'string'
          ? opts.body
          : JSON.stringify(opts.body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        `${this.server}${pathAndQuery}`,
        {
          method: opts.method ?? 'GET',
          ca: c.ca,
          cert: c.cert,
          key: c.key,
          headers: {
            accept: opts.accept ?? 'application/json',
            ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
            // Node frames a DELETE body only with an explicit length.
            ...(body !== undefined
              ? {
                  'content-type': opts.contentType ?? 'application/json',
                  'content-length': Buffer.byteLength(body),
                }
              : {}),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text,
              json: () => JSON.parse(text),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** A watch: every event line as it arrives, until close(). */
  watch(
    pathAndQuery: string,
    opts: RequestOptions = {},
  ): { events: unknown[]; close(): void; ended: Promise<void> } {
    const c = this.credentials(opts.as);
    const events: unknown[] = [];
    let close = () => undefined as void;
    const ended = new Promise<void>((resolve, reject) => {
      const req = https.get(
        `${this.server}${pathAndQuery}`,
        { ca: c.ca, cert: c.cert, key: c.key, headers: { accept: opts.accept ?? 'application/json' } },
        (res) => {
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
              events.push(JSON.parse(buffer.slice(0, nl)));
              buffer = buffer.slice(nl + 1);
            }
          });
          res.on('end', resolve);
          res.on('close', resolve);
        },
      );
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(e)));
      close = () => void req.destroy();
    });
    return { events, close: () => close(), ended };
  }

  async stop(): Promise<void> {
    await this.daemon.stop();
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** Polls until `check` returns a value (the simulated kubelet acts within a second or two). */
export async function until<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined;
    try {
      value = await check();
    } catch {
      value = undefined;
    }
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
