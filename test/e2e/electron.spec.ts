import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { repoRoot } from '../support/serve-process';

// The desktop app itself, where an Electron binary exists. On machines where it could not be
// downloaded, requiring 'electron' throws; the tests then skip and say why. Every test goes
// through the real bridge (preload → IPC → core), so a dead bridge fails them.
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
// Chromium refuses to run as root with its sandbox (CI runs as root); see scripts/start-mode.mjs.
const launchArgs = [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), repoRoot];
const CHANNEL = 'kubelet-studio:contract';

test.describe('Electron app', () => {
  test.skip(skipReason !== '', skipReason);
  if (skipReason) console.log(skipReason);

  let app: ElectronApplication;
  let dataDir: string;
  test.beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-electron-'));
    app = await electron.launch({
      executablePath: binary.path,
      args: launchArgs,
      env: { ...process.env, KUBELET_STUDIO_DATA_DIR: dataDir },
    });
    // No native dialog may block the run: external-link questions are answered "Cancel" and kept.
    await app.evaluate(({ dialog }) => {
      const asked: string[] = [];
      (globalThis as { asked?: string[] }).asked = asked;
      dialog.showMessageBox = (async (...args: unknown[]) => {
        const options = args.at(-1) as { detail?: string };
        asked.push(options.detail ?? '');
        return { response: 1, checkboxChecked: false };
      }) as typeof dialog.showMessageBox;
    });
  });
  test.afterAll(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function sandboxPodsArrive(page: Page) {
    const table = page
      .locator('#pane-pods')
      .getByRole('grid', { name: 'Pods: crictl and kubectl side by side' });
    await expect(
      table.getByRole('row', { name: /^kube-apiserver-controlplane static · kube-system/ }),
    ).toBeVisible({
      timeout: 60_000,
    });
  }

  test("the Sandbox node's pods arrive from the core (the bridge works)", async () => {
    const page = await app.firstWindow();
    expect(page.url()).toBe('app://kubelet-studio/index.html');
    await sandboxPodsArrive(page);
  });

  test('every webContents is sandboxed and context-isolated, without Node', async () => {
    const page = await app.firstWindow();
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

  test('copy and paste in the terminal go through the system clipboard', async () => {
    const page = await app.firstWindow();
    const terminal = page.locator('#pane-terminal');
    await page
      .getByRole('option', { name: /Sandbox node/ })
      .first()
      .click();
    await terminal.getByRole('button', { name: 'Open a terminal' }).click();
    const rows = terminal.locator('.terminal-view:not([hidden]) .xterm-rows');
    await expect(rows).toContainText('[sandbox]', { timeout: 20_000 });

    // Paste (Ctrl+Shift+V reads the clipboard: the 'clipboard-read' permission).
    await app.evaluate(({ clipboard }) => clipboard.writeText('echo pasted-$((6*7))'));
    await terminal.locator('.terminal-view:not([hidden]) .xterm').click();
    await page.keyboard.press('Control+Shift+V');
    await page.keyboard.press('Enter');
    await expect(rows).toContainText('pasted-42');

    // Copy (a selection is written to the clipboard: 'clipboard-sanitized-write').
    await page.keyboard.type('echo copied-$((6*7))');
    await page.keyboard.press('Enter');
    const output = rows
      .locator('div', { hasText: /^copied-42\s*$/ })
      .locator('span')
      .first();
    await output.dblclick();
    await expect.poll(() => app.evaluate(({ clipboard }) => clipboard.readText())).toBe('copied-42');
  });

  test('a reload gets a fresh session that works (old streams ended, new ids answered)', async () => {
    const page = await app.firstWindow();
    await app.evaluate(({ webContents }) => webContents.getAllWebContents()[0]!.reload());
    await page.waitForLoadState('domcontentloaded');
    await sandboxPodsArrive(page);
    // Ctrl+R from the keyboard (the default menu's Reload) does the same.
    await page.keyboard.press('Control+R');
    await page.waitForLoadState('domcontentloaded');
    await sandboxPodsArrive(page);
  });

  test('a second launch brings the first window forward and quits', async () => {
    await app.evaluate(({ BrowserWindow }) => {
      const window = BrowserWindow.getAllWindows()[0]!;
      const focus = window.focus.bind(window);
      (globalThis as { focused?: number }).focused = 0;
      window.focus = () => {
        (globalThis as { focused?: number }).focused! += 1;
        focus();
      };
    });
    const second = spawn(binary.path!, launchArgs, {
      env: { ...process.env, KUBELET_STUDIO_DATA_DIR: dataDir },
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    await expect
      .poll(() => app.evaluate(() => (globalThis as { focused?: number }).focused))
      .toBeGreaterThan(0);
    expect(app.windows()).toHaveLength(1);
  });

  test('navigation away is refused and the link offered to the browser; new windows are refused', async () => {
    const page = await app.firstWindow();
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await expect
      .poll(() => app.evaluate(() => (globalThis as { asked?: string[] }).asked))
      .toContain('https://example.com/');
    expect(page.url()).toBe('app://kubelet-studio/index.html');
    expect(await page.evaluate(() => window.open('https://example.org/') === null)).toBe(true);
    await expect
      .poll(() => app.evaluate(() => (globalThis as { asked?: string[] }).asked))
      .toContain('https://example.org/');
    expect(app.windows()).toHaveLength(1);
  });

  // Last: its made-up document id stands for a new page, which ends the real page's session;
  // the test reloads the page afterwards.
  test("a message from anything but the app's main frame is not answered", async () => {
    const page = await app.firstWindow();
    await sandboxPodsArrive(page);
    const outcome = await app.evaluate(async ({ webContents }, channel) => {
      const contents = webContents.getAllWebContents()[0]!;
      const replies: unknown[] = [];
      const send = contents.send.bind(contents);
      const documentId = 'f'.repeat(32);
      contents.send = ((...args: Parameters<typeof send>) => {
        if (args[1] === documentId) replies.push(args);
        return send(...args);
      }) as typeof contents.send;
      const ask = (frame: unknown, id: number) =>
        contents.ipc.emit(channel, { sender: contents, senderFrame: frame }, documentId, {
          type: 'call',
          id,
          op: 'app.info',
          input: {},
        });
      // Control: the same message from the real main frame is answered…
      ask(contents.mainFrame, 9001);
      while (replies.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      // …then from a subframe and from another origin it is not (a later call proves the core
      // has answered everything before it).
      const main = contents.mainFrame;
      ask({ url: main.url, parent: main, processId: main.processId, frameToken: 'sub' }, 9002);
      ask(
        {
          url: 'https://evil.example/',
          parent: null,
          processId: main.processId,
          frameToken: main.frameToken,
        },
        9003,
      );
      ask(contents.mainFrame, 9004);
      while (replies.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      contents.send = send;
      return replies.map((args) => ((args as unknown[])[2] as { id: number }).id);
    }, CHANNEL);
    expect(outcome).toEqual([9001, 9004]);
    await page.reload();
    await sandboxPodsArrive(page);
  });
});
