import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestTab } from '../../support/browser-tab';
import { openRawWebSocket } from '../../support/raw-websocket';
import { startServe, type ServeProcess } from '../../support/serve-process';

// Issue: the HTTP and WebSocket front of `kubelet-studio serve` must never die from input
// (docs/security.md "Browser mode"). Each case runs against the real `serve` process, then
// checks that the process still answers both HTTP and the contract over a new WebSocket.
let server: ServeProcess;
let tab: TestTab;

beforeAll(async () => {
  server = await startServe();
  tab = new TestTab(server.port, server.token);
}, 30_000);

afterAll(async () => {
  await server.stop();
});

function rawRequest(text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: server.port });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('connect', () => socket.write(text));
  });
}

function get(path: string, headers: Record<string, string> = {}): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: server.port, path, headers }, (response) => {
      response.resume();
      resolve(response);
    });
    request.on('error', reject);
  });
}

function authenticatedHeaders(): Record<string, string> {
  return { Origin: server.origin, 'Sec-WebSocket-Protocol': tab.protocols() };
}

async function expectStillServing(): Promise<void> {
  expect(server.child.exitCode, server.output()).toBeNull();
  const page = await get('/', { Host: `127.0.0.1:${server.port}` });
  expect(page.statusCode).toBe(200);
  const ws = await tab.connect();
  ws.sendText(JSON.stringify({ type: 'call', id: 1, op: 'app.info', input: {} }));
  expect(JSON.parse((await ws.nextText()) ?? 'null')).toMatchObject({ type: 'result', id: 1, ok: true });
  ws.socket.destroy();
}

describe('the HTTP front answers 400 to a request target or path it cannot parse', () => {
  it('GET http://[ HTTP/1.1', async () => {
    const answer = await rawRequest(
      `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    await expectStillServing();
  });

  it('a malformed percent-encoding: /%E0%A4%A', async () => {
    const answer = await rawRequest(
      `GET /%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    await expectStillServing();
  });

  it('an upgrade whose target the URL parser refuses', async () => {
    const ws = await openRawWebSocket(server.port, 'http://[', authenticatedHeaders());
    expect(ws.status).toBe(400);
    await expectStillServing();
  });
});

describe('a WebSocket protocol error closes that connection only', () => {
  it('an oversize frame', async () => {
    const ws = await tab.connect();
    ws.sendFrame(0x82, Buffer.alloc(0), 2 ** 40);
    await ws.closed;
    await expectStillServing();
  });

  it('invalid UTF-8 in a text frame', async () => {
    const ws = await tab.connect();
    ws.sendFrame(0x81, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    await ws.closed;
    await expectStillServing();
  });

  it('a reserved opcode', async () => {
    const ws = await tab.connect();
    ws.sendFrame(0x83, Buffer.from('x'));
    await ws.closed;
    await expectStillServing();
  });
});

describe('size limits are in bytes and agree end to end', () => {
  async function call(
    ws: Awaited<ReturnType<typeof openRawWebSocket>>,
    id: number,
    op: string,
    input: unknown,
  ) {
    ws.sendText(JSON.stringify({ type: 'call', id, op, input }));
    return JSON.parse((await ws.nextText()) ?? 'null') as { ok: boolean; error?: { message: string } } | null;
  }

  it('a manifest within the byte limit reaches the core, however much JSON escaping grows its message', async () => {
    // 11.4 MiB of UTF-8 that JSON writes as 17.8 MiB (quotes are escaped): one frame must carry it.
    const content = `# ${'漢""""'.repeat(1_700_000)}`;
    const ws = await tab.connect();
    const reply = await call(ws, 1, 'manifests.validate', { name: 'big.yaml', content });
    expect(reply, 'the connection was closed instead of answering').not.toBeNull();
    expect(reply?.ok).toBe(true);
    ws.socket.destroy();
  });

  it('an oversize manifest gets an error that says its size and the limit; the connection stays', async () => {
    const content = '漢'.repeat(6_000_000); // 6 million characters, 17.2 MiB of UTF-8
    const ws = await tab.connect();
    const reply = await call(ws, 1, 'manifests.validate', { name: 'big.yaml', content });
    expect(reply?.ok).toBe(false);
    expect(reply?.error?.message).toContain(
      'The manifest is 17.2 MiB in UTF-8; at most 12.0 MiB can be sent.',
    );
    expect((await call(ws, 2, 'app.info', {}))?.ok).toBe(true);
    ws.socket.destroy();
  });
});
