/**
 * The ports a simulated control-plane node serves besides the API server (docs/doctor.md
 * "Simulation"), so what the doctor reads from them is what a real node would show:
 *
 * - the kubelet: HTTPS on `address:port` (10250) with `tlsCertFile`, else its self-signed pair in
 *   `<cert-dir>/kubelet.crt`, made at its first start when it cannot read one [src:
 *   cmd/kubelet/app/server.go InitializeTLS]; a file pair is reloaded when it changes from v1.31
 *   (ReloadKubeletServerCertificateFile, beta and on [src: pkg/features/kube_features.go]; the
 *   feature "has no effect" without tlsCertFile [docs: feature gates]), the self-signed pair is
 *   loaded at start. Every request is 401 (kubeadm turns anonymous authentication off).
 *   Its healthz: plain HTTP `ok` on healthzBindAddress:healthzPort (10248) while it runs.
 * - etcd, while its container runs: `--listen-client-urls` with `--cert-file`/`--key-file` and
 *   `--listen-peer-urls` with `--peer-cert-file`/`--peer-key-file`, read at every handshake, a
 *   client certificate required with `--client-cert-auth`/`--peer-client-cert-auth` [src: etcd
 *   client/pkg/transport/listener.go, tls config GetCertificate].
 * - kube-controller-manager (10257) and kube-scheduler (10259), while their container runs, on
 *   `--bind-address` and `--secure-port`: `--tls-cert-file` reloaded when it changes
 *   (DynamicServingContentFromFiles), else a self-signed pair for `localhost` made in memory at
 *   the container's start [src: staging/src/k8s.io/apiserver/pkg/server/options/serving.go].
 *
 * Addresses go through simBindHost (test nodes share one network namespace).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { selfSignedServing } from '../apiserver/pki';
import type { KubeletServing } from '../engine/node/effective-config';
import type { SimContainer, SimNodeState } from '../model';
import { simBindHost, urlHostPort } from './bind-host';
import { filePair, once, type PairProvider } from './pair-files';
import { TlsPort } from './tls-port';

export interface ComponentPortsOptions {
  nodeName: string;
  nodeIp: string;
  serving: KubeletServing;
  /** The kubelet's minor version (reloading of tlsCertFile from 31). */
  kubeletMinor: number;
  toHost: (nodePath: string) => string;
  state: () => SimNodeState;
  log: (line: string) => void;
}

interface Wanted {
  key: string;
  host: string;
  port: number;
  credentials: PairProvider;
  refuseWithoutPair: boolean;
  respond: (req: IncomingMessage, res: ServerResponse) => void;
}

const text = (status: number, body: string) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(body);
};
const flagOf = (c: SimContainer, name: string): string | undefined =>
  c.command.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** The kubelet's own pair: its tlsCertFile, else the self-signed one it makes in its cert dir. */
export function kubeletPair(opts: ComponentPortsOptions): PairProvider {
  const s = opts.serving;
  if (s.tlsCertFile && s.tlsPrivateKeyFile) {
    const files = filePair(opts.toHost, s.tlsCertFile, s.tlsPrivateKeyFile);
    return opts.kubeletMinor >= 31 ? files : once(files);
  }
  const cert = path.posix.join(s.certDir, 'kubelet.crt');
  const key = path.posix.join(s.certDir, 'kubelet.key');
  const files = filePair(opts.toHost, cert, key);
  if (!files()) {
    try {
      const made = selfSignedServing(opts.nodeName);
      fs.mkdirSync(path.dirname(opts.toHost(cert)), { recursive: true });
      fs.writeFileSync(opts.toHost(cert), made.cert, { mode: 0o644 });
      fs.writeFileSync(opts.toHost(key), made.key, { mode: 0o600 });
    } catch (e) {
      opts.log(`kubelet: cannot make its self-signed serving certificate: ${(e as Error).message}`);
    }
  }
  return once(files);
}

export class ComponentPorts {
  private readonly open = new Map<string, TlsPort>();
  private readonly inMemory = new Map<string, PairProvider>();
  private healthz?: http.Server;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly opts: ComponentPortsOptions) {}

  async start(): Promise<void> {
    const s = this.opts.serving;
    const kubelet = simBindHost(s.address, this.opts.nodeIp);
    if (kubelet) {
      const port = new TlsPort({
        host: kubelet,
        port: s.port,
        credentials: kubeletPair(this.opts),
        respond: text(401, 'Unauthorized'),
        log: (l) => this.opts.log(`kubelet ${l}`),
      });
      if (await port.start()) this.open.set('kubelet', port);
    }
    const hz = simBindHost(s.healthzBindAddress, this.opts.nodeIp);
    if (hz && s.healthzPort > 0) {
      const server = http.createServer(text(200, 'ok'));
      await new Promise<void>((resolve) => {
        server.once('error', (e) => {
          this.opts.log(`kubelet healthz ${hz}:${s.healthzPort}: cannot listen: ${e.message}`);
          resolve();
        });
        server.listen(s.healthzPort, hz, () => {
          this.healthz = server;
          resolve();
        });
      });
    }
    await this.sync();
  }

  /** Opens and closes the components' ports after a change of the runtime's containers. */
  sync(): Promise<void> {
    this.queue = this.queue.then(() => this.reconcile());
    return this.queue;
  }

  private wanted(): Wanted[] {
    const out: Wanted[] = [];
    const running = this.opts.state().containers.filter((c) => c.state === 'CONTAINER_RUNNING');
    for (const c of running) {
      if (c.name === 'etcd') out.push(...this.etcd(c));
      if (c.name === 'kube-controller-manager' || c.name === 'kube-scheduler') {
        const w = this.secureServing(c, c.name === 'kube-scheduler' ? 10259 : 10257);
        if (w) out.push(w);
      }
    }
    return out;
  }

  private etcd(c: SimContainer): Wanted[] {
    const out: Wanted[] = [];
    const groups = [
      {
        urls: 'listen-client-urls',
        cert: 'cert-file',
        key: 'key-file',
        ca: 'trusted-ca-file',
        auth: 'client-cert-auth',
      },
      {
        urls: 'listen-peer-urls',
        cert: 'peer-cert-file',
        key: 'peer-key-file',
        ca: 'peer-trusted-ca-file',
        auth: 'peer-client-cert-auth',
      },
    ];
    for (const g of groups) {
      const cert = flagOf(c, g.cert);
      const key = flagOf(c, g.key);
      if (!cert || !key) continue;
      const ca = flagOf(c, g.auth) === 'true' ? flagOf(c, g.ca) : undefined;
      for (const url of (flagOf(c, g.urls) ?? '').split(',').filter(Boolean)) {
        const hp = urlHostPort(url);
        const host = hp ? simBindHost(hp.host, this.opts.nodeIp) : null;
        if (!hp || !host) continue;
        out.push({
          key: `${c.id} ${host}:${hp.port}`,
          host,
          port: hp.port,
          credentials: filePair(this.opts.toHost, cert, key, ca),
          refuseWithoutPair: true,
          respond: text(404, '404 page not found\n'),
        });
      }
    }
    return out;
  }

  private secureServing(c: SimContainer, defaultPort: number): Wanted | null {
    const host = simBindHost(flagOf(c, 'bind-address') ?? '0.0.0.0', this.opts.nodeIp);
    if (!host) return null;
    const port = Number(flagOf(c, 'secure-port') ?? defaultPort) || defaultPort;
    const cert = flagOf(c, 'tls-cert-file');
    const key = flagOf(c, 'tls-private-key-file');
    let credentials: PairProvider;
    if (cert && key) credentials = filePair(this.opts.toHost, cert, key);
    else {
      credentials = this.inMemory.get(c.id) ?? once(() => selfSignedServing('localhost'));
      this.inMemory.set(c.id, credentials);
    }
    return {
      key: `${c.id} ${host}:${port}`,
      host,
      port,
      credentials,
      refuseWithoutPair: false,
      respond: (req, res) =>
        /^\/(healthz|livez|readyz)\/?$/.test(req.url ?? '')
          ? text(200, 'ok')(req, res)
          : text(403, 'forbidden')(req, res),
    };
  }

  private async reconcile(): Promise<void> {
    if (this.stopped) return;
    const wanted = this.wanted();
    const keys = new Set(wanted.map((w) => w.key));
    for (const [key, port] of this.open) {
      if (key === 'kubelet' || keys.has(key)) continue;
      this.open.delete(key);
      await port.stop();
    }
    for (const id of this.inMemory.keys())
      if (!wanted.some((w) => w.key.startsWith(`${id} `))) this.inMemory.delete(id);
    for (const w of wanted) {
      if (this.open.has(w.key)) continue;
      const port = new TlsPort({ ...w, log: this.opts.log });
      if (await port.start()) this.open.set(w.key, port);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.queue;
    const ports = [...this.open.values()];
    this.open.clear();
    await Promise.all(ports.map((p) => p.stop()));
    const hz = this.healthz;
    this.healthz = undefined;
    if (hz)
      await new Promise<void>((resolve) => {
        hz.close(() => resolve());
        hz.closeAllConnections();
      });
  }
}
