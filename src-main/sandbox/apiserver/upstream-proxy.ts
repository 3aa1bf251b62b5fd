/**
 * Another control plane's API server in a simulated cluster: it serves its own health, version
 * and discovery, and the cluster's objects from the store the first control plane holds
 * (remote-objects.ts), as every kube-apiserver of an HA cluster serves the one etcd's data.
 * Each resource request is forwarded there over HTTPS with the API server's storage client
 * certificate (kubeadm's /etc/kubernetes/pki/apiserver-etcd-client.crt, here issued as an admin
 * of the simulated store) and the caller's identity as impersonation headers, so the holder
 * authorizes the caller, not the forwarder. Streams (watches) are piped as they come.
 *
 * Deviation: a real stacked member has its own copy of the data; here the store lives with the
 * first control plane's kubelet, so while that one is unreachable, these answer 503.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ANONYMOUS, type ApiUser } from './auth';
import { sendError } from './http-io';
import { serviceUnavailable } from './status';

export interface UpstreamOptions {
  host: string;
  port: number;
  ca: string;
  cert: string;
  key: string;
}

const FORWARDED_HEADERS = ['accept', 'content-type', 'content-length', 'user-agent'];

export class UpstreamProxy {
  private readonly agent: https.Agent;

  constructor(private readonly opts: UpstreamOptions) {
    this.agent = new https.Agent({ keepAlive: true, ca: opts.ca, cert: opts.cert, key: opts.key });
  }

  get address(): string {
    return `${this.opts.host}:${this.opts.port}`;
  }

  forward(req: IncomingMessage, res: ServerResponse, user: ApiUser): void {
    const headers: Record<string, string | string[]> = {};
    for (const name of FORWARDED_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    headers['impersonate-user'] = user.name;
    const groups =
      user === ANONYMOUS
        ? ['system:unauthenticated']
        : user.groups.filter((g) => g !== 'system:authenticated');
    if (groups.length) headers['impersonate-group'] = groups;
    const upstream = https.request(
      {
        host: this.opts.host,
        port: this.opts.port,
        method: req.method,
        path: req.url,
        headers,
        agent: this.agent,
      },
      (answer) => {
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(answer.headers))
          if (v !== undefined && k !== 'connection' && k !== 'keep-alive') out[k] = v;
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
      },
    );
    upstream.on('error', (e) => {
      if (res.headersSent) res.destroy();
      else
        sendError(
          res,
          serviceUnavailable(`the cluster's store at ${this.address} does not answer: ${e.message}`),
        );
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }

  close(): void {
    this.agent.destroy();
  }
}
