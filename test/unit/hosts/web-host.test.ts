import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../../../src-main/core/create-core';
import type { CoreApi } from '../../../src-main/core/handlers';
import { startWebHost, type WebHost } from '../../../src-main/hosts/web/web-host';

// Browser mode's promises (docs/security.md "Browser mode", test 14), checked over real sockets.
let host: WebHost;
let core: CoreApi;
let tempDir: string;

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-web-'));
  fs.mkdirSync(path.join(tempDir, 'renderer'));
  fs.writeFileSync(
    path.join(tempDir, 'renderer', 'index.html'),
    '<!doctype html><title>Kubelet Studio</title>',
  );
  fs.writeFileSync(path.join(tempDir, 'secret.txt'), 'outside the build');
  core = await createCore({ host: 'browser', dataDir: path.join(tempDir, 'data') });
  host = await startWebHost({ core, rendererDir: path.join(tempDir, 'renderer'), port: 0 });
});

afterAll(async () => {
  await host.close();
  await core.dispose();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(pathAndQuery: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: pathAndQuery,
        method,
        headers: { Host: `127.0.0.1:${host.port}`, ...headers },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

async function sessionCookie(): Promise<string> {
  const reply = await get(`/?token=${host.token}`);
  return String(reply.headers['set-cookie']?.[0]).split(';')[0] as string;
}

function openSocket(headers: Record<string, string>): Promise<{ ws: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/ws`, {
      headers: { Host: `127.0.0.1:${host.port}`, ...headers },
    });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode }));
    ws.on('error', () => resolve({ ws, status: -1 }));
  });
}

describe('browser mode host', () => {
  it('prints a URL on 127.0.0.1 with a token of at least 128 bits', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+$/);
    expect(Buffer.from(host.token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
  });

  it('answers 401 without the token, and 401 for a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/index.html')).status).toBe(401);
    expect((await get('/?token=not-the-token')).status).toBe(401);
  });

  it('exchanges the token for an HttpOnly SameSite=Strict cookie and drops it from the URL', async () => {
    const reply = await get(`/?token=${host.token}`);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    expect(reply.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    const page = await get('/', { Cookie: await sessionCookie() });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Kubelet Studio');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
  });

  it('answers 403 to a Host header that is not loopback (DNS rebinding)', async () => {
    expect((await get(`/?token=${host.token}`, { Host: 'evil.example' })).status).toBe(403);
    expect(
      (await get('/', { Host: `evil.example:${host.port}`, Cookie: await sessionCookie() })).status,
    ).toBe(403);
  });

  it('has no side effects on GET and refuses other methods', async () => {
    expect((await get('/', { Cookie: await sessionCookie() }, 'POST')).status).toBe(405);
  });

  it('serves nothing outside the renderer build', async () => {
    const cookie = await sessionCookie();
    expect((await get('/../secret.txt', { Cookie: cookie })).body).not.toContain('outside the build');
    expect((await get('/%2e%2e/secret.txt', { Cookie: cookie })).status).toBe(404);
  });

  it('refuses WebSocket upgrades from a foreign, null or missing Origin, or without the cookie', async () => {
    const cookie = await sessionCookie();
    const own = `http://127.0.0.1:${host.port}`;
    expect((await openSocket({ Origin: 'https://evil.example', Cookie: cookie })).status).toBe(403);
    expect((await openSocket({ Origin: 'null', Cookie: cookie })).status).toBe(403);
    expect((await openSocket({ Cookie: cookie })).status).toBe(403);
    expect((await openSocket({ Origin: own })).status).toBe(401);
  });

  it('serves the contract over the WebSocket to its own page', async () => {
    const { ws, status } = await openSocket({
      Origin: `http://127.0.0.1:${host.port}`,
      Cookie: await sessionCookie(),
    });
    expect(status).toBeUndefined();
    const reply = new Promise<unknown>((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    ws.send(JSON.stringify({ type: 'call', id: 1, op: 'app.info', input: {} }));
    expect(await reply).toMatchObject({
      type: 'result',
      id: 1,
      ok: true,
      value: { name: 'Kubelet Studio', host: 'browser' },
    });
    ws.close();
  });

  it('listens on 127.0.0.1 only: another loopback address is refused', async () => {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.2', port: host.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});
