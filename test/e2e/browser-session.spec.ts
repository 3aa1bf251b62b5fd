import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSER_PROTOCOL, LAUNCH_PROTOCOL_PREFIX, RESUME_PROTOCOL_PREFIX } from '../../src-main/contract';
import { openRawWebSocket } from '../support/raw-websocket';
import { LAUNCH_URL, repoRoot, startServe, type ServeProcess } from '../support/serve-process';

// Browser mode's session against a local attacker (docs/security.md "Browser mode"), in
// Debian's Chromium: nothing another server on 127.0.0.1 receives, nothing another local
// process can read, lets anyone but the tab that used the launch link open a terminal.
let server: ServeProcess;

test.beforeAll(async () => {
  server = await startServe();
});

test.afterAll(async () => {
  await server?.stop();
});

async function expectSession(page: Page) {
  await expect(page.getByRole('option', { name: /Sandbox node/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
}

interface Recorded {
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** Another server on 127.0.0.1 (as a `kubectl port-forward` would be) that records every request. */
async function recordingServer(): Promise<{ origin: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const other = http.createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers });
    response
      .writeHead(200, { 'Content-Type': 'text/html' })
      .end('<title>other</title><p>another local server</p>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const { port } = other.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => other.close(() => resolve())),
  };
}

test('no credential reaches another server on 127.0.0.1, and a reload keeps the session', async ({
  page,
  context,
}) => {
  const other = await recordingServer();
  try {
    const launch = await server.launchUrl();
    await page.goto(launch);
    await expectSession(page);
    await expect(page).toHaveURL(`${server.origin}/`);
    const resume = await page.evaluate(() => sessionStorage.getItem('kubelet-studio.resume'));
    expect(resume).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // A request from our page to the other port (an <img>, as any page can make), and the other
    // server opened in the same browser: it receives no cookie, no token, no secret.
    await page.evaluate((url) => {
      const img = document.createElement('img');
      img.src = url;
      document.body.append(img);
    }, `${other.origin}/pixel.png`);
    const elsewhere = await context.newPage();
    await elsewhere.goto(`${other.origin}/`);
    await expect.poll(() => other.requests.length).toBeGreaterThanOrEqual(2);
    expect(await context.cookies()).toEqual([]);
    expect(await elsewhere.evaluate(() => sessionStorage.length)).toBe(0);
    const token = new URL(launch).hash.slice('#token='.length);
    for (const request of other.requests) {
      expect(request.headers.cookie).toBeUndefined();
      const seen = JSON.stringify(request);
      expect(seen).not.toContain(token);
      expect(seen).not.toContain(resume);
    }

    await page.reload();
    await expectSession(page);
    const next = await page.evaluate(() => sessionStorage.getItem('kubelet-studio.resume'));
    expect(next).not.toBe(resume);
  } finally {
    await other.close();
  }
});

test('a launch link opens one tab, once: a second browser with the same link gets no session', async ({
  browser,
}) => {
  const launch = await server.launchUrl();
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const page = await first.newPage();
    await page.goto(launch);
    await expectSession(page);
    const again = await second.newPage();
    await again.goto(launch);
    await expect(again.getByRole('alert')).toContainText('no session for this page');
    await expect(again.getByRole('option', { name: /Sandbox node/ })).toHaveCount(0);
  } finally {
    await first.close();
    await second.close();
  }
});

/** Every string of base64url characters as long as a credential, in a text. */
const candidates = (text: string) => [...new Set(text.match(/[A-Za-z0-9_-]{43,128}/g) ?? [])];

function processTable(): string {
  let all = '';
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      all += `${fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ')}\n`;
    } catch {
      // the process ended meanwhile
    }
  }
  return all;
}

test('a forged-Origin client with any value it can obtain opens no terminal', async ({ page }) => {
  const launch = await server.launchUrl();
  await page.goto(launch);
  await expectSession(page);
  const token = new URL(launch).hash.slice('#token='.length);

  // What another local process can obtain: the process table, the launch link once used, and
  // whatever the server answers without a credential.
  const table = processTable();
  expect(table).not.toContain(token);
  const landing = await (await fetch(`${server.origin}/`)).text();
  const values = [token, ...candidates(table), ...candidates(landing)];
  const offers = [
    BROWSER_PROTOCOL,
    ...values.flatMap((value) => [
      `${BROWSER_PROTOCOL}, ${LAUNCH_PROTOCOL_PREFIX}${value}`,
      `${BROWSER_PROTOCOL}, ${RESUME_PROTOCOL_PREFIX}${value}`,
    ]),
  ];
  for (const offer of offers) {
    const ws = await openRawWebSocket(server.port, '/api/ws', {
      Origin: server.origin, // forged: a non-browser client can send any Origin
      'Sec-WebSocket-Protocol': offer,
    });
    expect(ws.status, offer).toBe(401);
    ws.socket.destroy();
  }
  // The browser's own session is untouched by all this.
  await page.reload();
  await expectSession(page);
});

test('serve opens the browser on a private launch file: the token is in no argv', async ({ page }) => {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-opener-'));
  const argvFile = path.join(bin, 'argv');
  // A stand-in for xdg-open that records how it was called (the browser is the real Chromium).
  fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}'\n`, {
    mode: 0o755,
  });
  const opened = await startServe(
    [],
    { PATH: `${bin}:${process.env.PATH ?? ''}`, DISPLAY: ':0' },
    { open: true },
  );
  try {
    await expect.poll(() => fs.existsSync(argvFile) && fs.readFileSync(argvFile, 'utf8')).toBeTruthy();
    const argv = fs.readFileSync(argvFile, 'utf8').trim();
    expect(argv).not.toContain(opened.token);
    expect(argv).toMatch(/^file:\/\//);
    const launchFile = fileURLToPath(argv);
    expect(path.dirname(launchFile)).toBe(opened.dataDir);
    expect(fs.statSync(launchFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(opened.dataDir).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(launchFile, 'utf8')).toContain(opened.token);
    expect(processTable()).not.toContain(opened.token);

    await page.goto(argv);
    await expect(page).toHaveURL(`${opened.origin}/`);
    await expectSession(page);
    await expect.poll(() => fs.existsSync(launchFile)).toBe(false);
    // Stopping serve while the Sandbox node is still starting leaves its kubelet running: wait.
    const sandbox = page.getByRole('option', { name: /Sandbox node/ });
    await expect(sandbox.locator('[data-state="connected"]')).toBeVisible({ timeout: 30_000 });
  } finally {
    await opened.stop();
    fs.rmSync(bin, { recursive: true, force: true });
  }
});

test('kubelet-studio open gives a new one-time link from the running serve', () => {
  const out = execFileSync(
    process.execPath,
    [path.join(repoRoot, 'bin/kubelet-studio.mjs'), 'open', '--no-open'],
    {
      env: { ...process.env, KUBELET_STUDIO_DATA_DIR: server.dataDir },
      encoding: 'utf8',
    },
  );
  expect(LAUNCH_URL.exec(out)?.[1]).toMatch(new RegExp(`^${server.origin}/#token=`));
});
