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

test('the printed URL opens the workspace with every pane, the Sandbox node connected without set-up', async ({
  page,
}) => {
  await page.goto(await server.launchUrl());
  // The launch token left the address bar as soon as the page read it.
  await expect(page).toHaveURL(`${server.origin}/`);
  await expect(page.getByRole('navigation', { name: 'Nodes' })).toBeVisible();
  for (const title of ['Manifests', 'Pods', 'Kubelet logs', 'Terminal']) {
    await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
  }
  // Issue 3: a fresh start shows the Sandbox node with its four control-plane static pods.
  const sandbox = page.getByRole('option', { name: /Sandbox node/ });
  await expect(sandbox.locator('[data-state="connected"]')).toBeVisible({ timeout: 30_000 });
  const pods = page.locator('#pane-pods');
  for (const component of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
    await expect(pods.getByText(`${component}-controlplane`).first()).toBeVisible({ timeout: 30_000 });
  }
  // Once the simulated API server is up, the mirror pods join the runtime's view.
  await expect(pods.getByText('refused the connection')).toHaveCount(0, { timeout: 30_000 });
  await expect(pods.getByText(/No mirror pod for/)).toHaveCount(0, { timeout: 30_000 });
  await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/sandbox-node.png') });
});

test('adding a node shows it with its connection state, and keyboard navigation moves between panes', async ({
  page,
}) => {
  await page.goto(await server.launchUrl());
  await page.getByRole('combobox', { name: 'Add a node' }).fill('ks-admin@127.0.0.1:2201');
  await page.getByRole('button', { name: 'Add' }).click();
  const option = page.getByRole('option', { name: /ks-admin@127\.0\.0\.1:2201/ }).first();
  await expect(option).toBeVisible();
  // Added nodes are connected at once; nothing listens there, so it fails, said in the header.
  await expect(option.locator('[data-state="failed"]')).toBeVisible({ timeout: 20_000 });
  await option.click();
  await expect(page.locator('.node-header').getByRole('button', { name: 'Retry' })).toBeVisible();

  await page.keyboard.press('Alt+4');
  await expect(page.locator('#pane-logs')).toBeFocused();
  await page.keyboard.press('F6');
  await expect(page.locator('#pane-terminal')).toBeFocused();
  await page.keyboard.press('Alt+1');
  await expect(page.locator('[data-pane="nodes"]')).toBeFocused();

  await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/workspace.png') });
});

test('a divider resizes its panes from the keyboard', async ({ page }) => {
  await page.goto(await server.launchUrl());
  const divider = page.getByRole('separator', { name: 'Resize the node list' });
  const before = Number(await divider.getAttribute('aria-valuenow'));
  await divider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(divider).toHaveAttribute('aria-valuenow', String(before + 2));
});

test('dark theme follows the OS', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(await server.launchUrl());
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(22, 24, 29)');
  await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/workspace-dark.png') });
  await context.close();
});
