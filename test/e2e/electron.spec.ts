import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { repoRoot } from '../support/serve-process';

// The Electron project runs where an Electron binary exists. On machines where it could not be
// downloaded, requiring 'electron' throws; the tests then skip and say why.
function electronBinary(): { path?: string; reason?: string } {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    if (typeof binary === 'string' && fs.existsSync(binary)) return { path: binary };
    return { reason: 'the electron package has no binary' };
  } catch (error) {
    return { reason: (error as Error).message.split('\n')[0] };
  }
}

const binary = electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = binary.path
  ? noDisplay
    ? 'Electron e2e skipped: no DISPLAY (run under xvfb-run)'
    : ''
  : `Electron e2e skipped: no Electron binary on this machine (${binary.reason})`;

test.describe('Electron app', () => {
  test.skip(skipReason !== '', skipReason);
  if (skipReason) console.log(skipReason);

  let app: ElectronApplication;
  test.beforeAll(async () => {
    app = await electron.launch({
      executablePath: binary.path,
      args: [repoRoot],
      env: {
        ...process.env,
        KUBELET_STUDIO_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ks-electron-')),
      },
    });
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('every webContents is sandboxed and context-isolated, without Node', async () => {
    const page = await app.firstWindow();
    await expect(page.getByRole('navigation', { name: 'Nodes' })).toBeVisible();
    // getLastWebPreferences is Electron's internal accessor (not in its typings).
    const preferences = await app.evaluate(({ webContents }) =>
      webContents
        .getAllWebContents()
        .map((c) =>
          (c as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences(),
        ),
    );
    for (const p of preferences) {
      expect(p).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
      });
    }
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys(window.kubeletStudio ?? {}).sort())).toEqual([
      'onMessage',
      'send',
    ]);
  });

  test('navigation away and new windows are blocked', async () => {
    const page = await app.firstWindow();
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/kubelet-studio\//);
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  test('a call from a frame that is not the app main frame is ignored', async () => {
    const page = await app.firstWindow();
    const answered = await app.evaluate(async ({ ipcMain, webContents }) => {
      const contents = webContents.getAllWebContents()[0];
      if (!contents) return 'no window';
      // Pretend a subframe sent a message: main must not answer it.
      const fakeFrame = { url: 'https://evil.example/' };
      let replied = false;
      const original = contents.send.bind(contents);
      contents.send = ((...args: Parameters<typeof original>) => {
        replied = true;
        return original(...args);
      }) as typeof contents.send;
      ipcMain.emit(
        'kubelet-studio:contract',
        { sender: contents, senderFrame: fakeFrame },
        { type: 'call', id: 999, op: 'app.info', input: {} },
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      contents.send = original;
      return replied ? 'answered' : 'ignored';
    });
    expect(answered).toBe('ignored');
    await expect(page.getByRole('navigation', { name: 'Nodes' })).toBeVisible();
  });
});
