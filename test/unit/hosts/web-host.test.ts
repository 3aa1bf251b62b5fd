import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../../../src-main/core/create-core';
import type { CoreApi } from '../../../src-main/core/handlers';
import { BROWSER_PROTOCOL, CLOSE_TAKEN_OVER, LAUNCH_PROTOCOL_PREFIX } from '../../../src-main/contract';
import { startWebHost, type WebHost } from '../../../src-main/hosts/web/web-host';
import { TestTab } from '../../support/browser-tab';

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

interface Opened {
  ws: WebSocket;
  status?: number;
  /** Every message so far, from the first (listened to before 'open' resolves anything). */
  messages: unknown[];
}

function openSocket(headers: Record<string, string>): Promise<Opened> {
  return new Promise((resolve) => {
    const messages: unknown[] = [];
    const protocols = headers['Sec-WebSocket-Protocol'];
    const rest = { ...headers };
    delete rest['Sec-WebSocket-Protocol'];
    const ws = new WebSocket(
      `ws://127.0.0.1:${host.port}/api/ws`,
      protocols ? protocols.split(',').map((p) => p.trim()) : [],
      { headers: { Host: `127.0.0.1:${host.port}`, ...rest } },
    );
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    ws.on('open', () => resolve({ ws, messages }));
    ws.on('unexpected-response', (_req, res) => resolve({ ws, messages, status: res.statusCode }));
    ws.on('error', () => resolve({ ws, messages, status: -1 }));
  });
}

const own = () => `http://127.0.0.1:${host.port}`;
const launchProtocols = (token: string) => `${BROWSER_PROTOCOL}, ${LAUNCH_PROTOCOL_PREFIX}${token}`;

describe('browser mode host', () => {
  it('gives a launch link on 127.0.0.1 with a token of at least 128 bits in the fragment', () => {
    const { url, token } = host.launch();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+$/);
    expect(url.endsWith(token)).toBe(true);
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
  });

  it('serves the public page without any credential, and sets no cookie', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Kubelet Studio');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect((await get(`/?token=${host.launch().token}`)).headers['set-cookie']).toBeUndefined();
  });

  it('answers 401 to a WebSocket upgrade without a credential, or with a wrong one', async () => {
    host.launch();
    expect((await openSocket({ Origin: own() })).status).toBe(401);
    expect((await openSocket({ Origin: own(), 'Sec-WebSocket-Protocol': BROWSER_PROTOCOL })).status).toBe(
      401,
    );
    const wrong = launchProtocols('A'.repeat(43));
    expect((await openSocket({ Origin: own(), 'Sec-WebSocket-Protocol': wrong })).status).toBe(401);
  });

  it('admits one tab per launch token: a second use of the token is refused', async () => {
    const { token } = host.launch();
    const first = await openSocket({ Origin: own(), 'Sec-WebSocket-Protocol': launchProtocols(token) });
    expect(first.status).toBeUndefined();
    expect(first.ws.protocol).toBe(BROWSER_PROTOCOL);
    first.ws.close();
    const second = await openSocket({ Origin: own(), 'Sec-WebSocket-Protocol': launchProtocols(token) });
    expect(second.status).toBe(401);
  });

  it('a new launch link replaces an unused one', async () => {
    const old = host.launch().token;
    host.launch();
    expect((await openSocket({ Origin: own(), 'Sec-WebSocket-Protocol': launchProtocols(old) })).status).toBe(
      401,
    );
  });

  it('a tab reconnects (a reload) with the secret its last connection got, each secret once', async () => {
    const tab = new TestTab(host.port, host.launch().token);
    const first = await tab.connect();
    const spent = tab.protocols();
    first.socket.destroy();
    const second = await tab.connect();
    second.sendText(JSON.stringify({ type: 'call', id: 1, op: 'app.info', input: {} }));
    expect(JSON.parse((await second.nextText()) ?? 'null')).toMatchObject({ id: 1, ok: true });
    expect((await openSocket({ Origin: own(), 'Sec-WebSocket-Protocol': spent })).status).toBe(401);
    second.socket.destroy();
  });

  it("a tab's secret works only from the origin the tab was opened from", async () => {
    const tab = new TestTab(host.port, host.launch().token);
    (await tab.connect()).socket.destroy();
    const elsewhere = `http://localhost:${host.port}`;
    const from = await openSocket({ Origin: elsewhere, 'Sec-WebSocket-Protocol': tab.protocols() });
    expect(from.status).toBe(401);
  });

  it("presenting a tab's secret again closes the tab's other connection (a duplicated tab)", async () => {
    const tab = new TestTab(host.port, host.launch().token);
    const first = await tab.connect();
    const second = await tab.connect();
    await first.closed;
    expect(first.closeCode()).toBe(CLOSE_TAKEN_OVER);
    second.sendText(JSON.stringify({ type: 'call', id: 1, op: 'app.info', input: {} }));
    expect(JSON.parse((await second.nextText()) ?? 'null')).toMatchObject({ id: 1, ok: true });
    second.socket.destroy();
  });

  it('answers 403 to a Host header that is not loopback (DNS rebinding)', async () => {
    expect((await get('/', { Host: 'evil.example' })).status).toBe(403);
    expect((await get('/', { Host: `evil.example:${host.port}` })).status).toBe(403);
  });

  it('has no side effects on GET and refuses other methods', async () => {
    expect((await get('/', {}, 'POST')).status).toBe(405);
  });

  it('serves nothing outside the renderer build', async () => {
    expect((await get('/../secret.txt')).body).not.toContain('outside the build');
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('refuses WebSocket upgrades from a foreign, null or missing Origin, even with a valid credential', async () => {
    const { token } = host.launch();
    const protocols = launchProtocols(token);
    expect(
      (await openSocket({ Origin: 'https://evil.example', 'Sec-WebSocket-Protocol': protocols })).status,
    ).toBe(403);
    expect((await openSocket({ Origin: 'null', 'Sec-WebSocket-Protocol': protocols })).status).toBe(403);
    expect((await openSocket({ 'Sec-WebSocket-Protocol': protocols })).status).toBe(403);
    // The refusals did not spend the token.
    expect((await openSocket({ Origin: own(), 'Sec-WebSocket-Protocol': protocols })).status).toBeUndefined();
  });

  it('serves the contract over the WebSocket to its own page', async () => {
    const { ws, status, messages } = await openSocket({
      Origin: own(),
      'Sec-WebSocket-Protocol': launchProtocols(host.launch().token),
    });
    expect(status).toBeUndefined();
    const answered = new Promise((resolve) => ws.on('message', resolve));
    ws.send(JSON.stringify({ type: 'call', id: 1, op: 'app.info', input: {} }));
    await answered;
    expect(messages[0]).toMatchObject({ type: 'browser-session', resume: expect.any(String) });
    expect(messages[1]).toMatchObject({
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
