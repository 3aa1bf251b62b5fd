import { expect, test } from '@playwright/test';
import path from 'node:path';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';

let server: ServeProcess;

test.beforeAll(async () => {
  server = await startServe();
});

test.afterAll(async () => {
  await server.stop();
});

test('the printed URL opens the workspace with every pane and its empty state', async ({ page }) => {
  await page.goto(server.url);
  // The token was exchanged for a cookie and removed from the address bar.
  await expect(page).toHaveURL(`${server.origin}/`);
  await expect(page.getByRole('navigation', { name: 'Nodes' })).toBeVisible();
  for (const title of ['Manifests', 'Pods', 'Kubelet logs', 'Terminal']) {
    await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
  }
  await expect(page.getByText('No nodes yet')).toBeVisible();
  await expect(page.getByText('Select a node on the left to see its kubelet logs.')).toBeVisible();
});

test('adding a node shows it with its connection state, and keyboard navigation moves between panes', async ({ page }) => {
  await page.goto(server.url);
  await page.getByLabel('Add a node').getByRole('textbox').fill('ks-admin@127.0.0.1:2201');
  await page.getByRole('button', { name: 'Add' }).click();
  const option = page.getByRole('option', { name: /ks-admin@127\.0\.0\.1:2201/ }).first();
  await expect(option).toBeVisible();
  await expect(option.locator('[data-state="disconnected"]')).toBeVisible();
  await expect(page.getByText('Connect to ks-admin@127.0.0.1:2201 to see its kubelet logs.')).toBeVisible();

  await page.keyboard.press('Alt+4');
  await expect(page.locator('#pane-logs')).toBeFocused();
  await page.keyboard.press('F6');
  await expect(page.locator('#pane-terminal')).toBeFocused();
  await page.keyboard.press('Alt+1');
  await expect(page.locator('[data-pane="nodes"]')).toBeFocused();

  await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/workspace.png') });
});

test('a divider resizes its panes from the keyboard', async ({ page }) => {
  await page.goto(server.url);
  const divider = page.getByRole('separator', { name: 'Resize the node list' });
  const before = Number(await divider.getAttribute('aria-valuenow'));
  await divider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(divider).toHaveAttribute('aria-valuenow', String(before + 2));
});

test('dark theme follows the OS', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(server.url);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(22, 24, 29)');
  await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/workspace-dark.png') });
  await context.close();
});
