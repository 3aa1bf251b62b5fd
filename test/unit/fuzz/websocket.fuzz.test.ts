import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../../src-main/core/create-core';
import type { CoreApi } from '../../../src-main/core/handlers';
import { startWebHost, type WebHost } from '../../../src-main/hosts/web/web-host';
import { TestTab } from '../../support/browser-tab';
import { encodeFrame } from '../../support/raw-websocket';
import { FUZZ_RUNS, FUZZ_SEED, FUZZ_TEST_TIMEOUT } from './fuzz-harness';

// The WebSocket front against random frames from an authenticated client (the worst case: an
// unauthenticated one never gets past the upgrade): whatever arrives, the host answers the next
// connection's call. Frames: any first byte (FIN, RSV bits, opcode), lengths that lie, masked
// payloads of random bytes or near-valid contract messages.
vi.setConfig({ testTimeout: FUZZ_TEST_TIMEOUT });

let host: WebHost;
let core: CoreApi;
let tempDir: string;

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-ws-fuzz-'));
  fs.mkdirSync(path.join(tempDir, 'renderer'));
  fs.writeFileSync(path.join(tempDir, 'renderer', 'index.html'), '<!doctype html>');
  core = await createCore({ host: 'browser', dataDir: path.join(tempDir, 'data') });
  host = await startWebHost({ core, rendererDir: path.join(tempDir, 'renderer'), port: 0 });
});

afterAll(async () => {
  await host.close();
  await core.dispose();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

const message = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc
    .record({ type: fc.constantFrom('call', 'open', 'ack', 'close'), id: fc.integer(), op: fc.string() })
    .map((m) => JSON.stringify(m)),
);
const frame = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 300 }))
    .map(([b, p]) => encodeFrame(b, Buffer.from(p))),
  fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 64 }), fc.nat())
    .map(([b, p, l]) => encodeFrame(b, Buffer.from(p), l % 2 ** 40)),
  message.map((m) => encodeFrame(0x81, Buffer.from(m))),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
);
const session = fc.array(frame, { minLength: 1, maxLength: 6 });

describe('fuzzing the WebSocket protocol', () => {
  it('random frames never stop the host from answering the next connection', async () => {
    const runs = Math.max(20, Math.floor(FUZZ_RUNS / 5));
    const tab = new TestTab(host.port, host.launch().token);
    let tried = 0;
    for (const frames of fc.sample(session, { seed: FUZZ_SEED, numRuns: runs })) {
      const ws = await tab.connect();
      for (const f of frames) ws.socket.write(f);
      ws.socket.end();
      await ws.closed;
      tried += 1;
      const check = await tab.connect();
      check.sendText(JSON.stringify({ type: 'call', id: 1, op: 'app.info', input: {} }));
      expect(
        JSON.parse((await check.nextText()) ?? 'null'),
        `after ${JSON.stringify(frames.map((f) => f.toString('hex').slice(0, 40)))}`,
      ).toMatchObject({ id: 1, ok: true });
      check.socket.destroy();
    }
    expect(tried).toBe(runs);
  });
});
