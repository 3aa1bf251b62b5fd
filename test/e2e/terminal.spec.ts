import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { startTestNodes, type TestNodeSet } from '../nodes';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';
import { makeSshHome } from '../support/ssh-home';

// Issue 7 point 4: a real shell on the node in xterm.js, in tabs.
let server: ServeProcess;

test.beforeAll(async () => {
  server = await startServe();
});

test.afterAll(async () => {
  await server.stop();
});

async function openSandboxTerminal(page: Page) {
  await page.goto(await server.launchUrl());
  await page
    .getByRole('option', { name: /Sandbox node/ })
    .first()
    .click();
  const terminal = page.locator('#pane-terminal');
  // The Sandbox node connects by itself at start; the button is enabled once it has.
  await terminal.getByRole('button', { name: 'Open a terminal' }).click();
  await expect(terminal.locator('.terminal-view:not([hidden]) .xterm-rows')).toContainText('[sandbox]', {
    timeout: 20_000,
  });
  return terminal;
}

test('a terminal on the Sandbox node runs what is typed and shows its output', async ({ page }) => {
  const terminal = await openSandboxTerminal(page);
  const rows = terminal.locator('.terminal-view:not([hidden]) .xterm-rows');
  await expect(rows).toContainText('Simulated here: crictl, kubectl, journalctl');
  await page.keyboard.type('echo ks-$((6*7))');
  await page.keyboard.press('Enter');
  await expect(rows).toContainText('ks-42');
  await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/terminal-sandbox.png') });
});

test('tabs: a second shell opens beside the first, and closing a tab leaves the other working', async ({
  page,
}) => {
  const terminal = await openSandboxTerminal(page);
  await terminal.getByRole('button', { name: 'New terminal' }).click();
  await expect(terminal.getByRole('tab')).toHaveCount(2);
  const second = terminal.locator('.terminal-view:not([hidden]) .xterm-rows');
  await expect(second).toContainText('[sandbox]', { timeout: 20_000 });
  await page.keyboard.type('echo second-$((40+2))');
  await page.keyboard.press('Enter');
  await expect(second).toContainText('second-42');

  // The × of the last tab (for the mouse; the keyboard closes with Ctrl+Shift+W).
  await terminal.locator('.terminal-tab-close').last().click();
  await expect(terminal.getByRole('tab')).toHaveCount(1);
  const first = terminal.locator('.terminal-view:not([hidden]) .xterm-rows');
  await expect(first).not.toContainText('second-42');
  await terminal.locator('.terminal-view:not([hidden]) .xterm').click();
  await page.keyboard.type('echo first-$((40+2))');
  await page.keyboard.press('Enter');
  await expect(first).toContainText('first-42');
});

test('an ended shell shows the disconnected state and Reconnect opens a new one', async ({ page }) => {
  const terminal = await openSandboxTerminal(page);
  await page.keyboard.type('exit');
  await page.keyboard.press('Enter');
  await expect(terminal.getByText(/Disconnected:/)).toBeVisible();
  await terminal.getByRole('button', { name: 'Reconnect' }).click();
  await expect(terminal.getByText(/Disconnected:/)).toBeHidden();
  await page.keyboard.type('echo again-$((6*7))');
  await page.keyboard.press('Enter');
  await expect(terminal.locator('.terminal-view:not([hidden]) .xterm-rows')).toContainText('again-42');
});

test.describe('on an SSH test node', () => {
  let nodes: TestNodeSet;
  let sshServer: ServeProcess;

  test.beforeAll(async () => {
    nodes = await startTestNodes({ count: 1 });
    // ~/.ssh/config names the node `controlplane` as ks-admin with the test key; its host key is known.
    sshServer = await startServe([], { HOME: makeSshHome(nodes, { user: 'ks-admin', trust: true }) });
  });

  test.afterAll(async () => {
    await sshServer?.stop();
    await nodes?.stop();
  });

  test('a terminal on the node runs hostname and shows the node name', async ({ page }) => {
    await page.goto(await sshServer.launchUrl());
    await page.getByRole('combobox', { name: 'Add a node' }).fill('controlplane');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('option', { name: /controlplane/ }).click();
    const terminal = page.locator('#pane-terminal');
    await terminal.getByRole('button', { name: 'Open a terminal' }).click({ timeout: 30_000 });
    const rows = terminal.locator('.terminal-view:not([hidden]) .xterm-rows');
    await expect(rows).toContainText('ks-admin@', { timeout: 20_000 });
    await page.keyboard.type('hostname');
    await page.keyboard.press('Enter');
    // The echoed command, then the answer on a line of its own.
    await expect(rows.locator('div', { hasText: /^controlplane\s*$/ })).toHaveCount(1);
    await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/terminal.png') });
  });
});
