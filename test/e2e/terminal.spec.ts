import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';

// Issue 7 point 4: a real shell on the node in xterm.js, in tabs.
let server: ServeProcess;

test.beforeAll(async () => {
  server = await startServe();
});

test.afterAll(async () => {
  await server.stop();
});

async function openSandboxTerminal(page: Page) {
  await page.goto(server.url);
  await page.getByRole('option', { name: /Sandbox node/ }).first().click();
  const terminal = page.locator('#pane-terminal');
  // The Sandbox node connects by itself at start; the button is enabled once it has.
  await terminal.getByRole('button', { name: 'Open a terminal' }).click();
  await expect(terminal.locator('.terminal-view:not([hidden]) .xterm-rows')).toContainText('[sandbox]', { timeout: 20_000 });
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

test('tabs: a second shell opens beside the first, and closing a tab leaves the other working', async ({ page }) => {
  const terminal = await openSandboxTerminal(page);
  await terminal.getByRole('button', { name: 'New terminal' }).click();
  await expect(terminal.getByRole('tab')).toHaveCount(2);
  const second = terminal.locator('.terminal-view:not([hidden]) .xterm-rows');
  await expect(second).toContainText('[sandbox]', { timeout: 20_000 });
  await page.keyboard.type('echo second-$((40+2))');
  await page.keyboard.press('Enter');
  await expect(second).toContainText('second-42');

  await terminal.getByRole('button', { name: /^Close / }).last().click();
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
