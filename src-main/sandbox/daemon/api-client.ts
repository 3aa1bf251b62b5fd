/**
 * A small HTTPS client of the Kubernetes REST API with a client certificate, what the simulated
 * kubelet needs to act as an API client of another node's API server (api-sync.ts): JSON in and
 * out, one keep-alive agent, a deadline per request. Failures of the connection are errors;
 * HTTP answers (404, 409 …) are results the caller decides about.
 */
import https from 'node:https';

export interface TlsClientCredentials {
  host: string;
  port: number;
  ca: string;
  cert: string;
  key: string;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
}

export class ApiClient {
  private readonly agent: https.Agent;

  constructor(
    private readonly creds: TlsClientCredentials,
    private readonly timeoutMs = 5_000,
  ) {
    this.agent = new https.Agent({
      keepAlive: true,
      maxSockets: 4,
      ca: creds.ca,
      cert: creds.cert,
      key: creds.key,
    });
  }

  request(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: this.creds.host,
          port: this.creds.port,
          method,
          path,
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: {
            Accept: 'application/json',
            'User-Agent': 'kubelet (simulated)',
            ...(payload === undefined
              ? {}
              : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? (JSON.parse(text) as unknown) : undefined;
            } catch {
              // health endpoints answer text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
