import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';

// Issue 6 acceptance (e2e): the Pods pane of the Sandbox node shows the joined table (crictl and
// kubectl side by side, static pods first); selecting a crash-looping pod shows its last log
// lines and the finding with its evidence.
let server: ServeProcess;
test.beforeAll(async () => {
  server = await startServe();
});
test.afterAll(async () => {
  await server?.stop();
});

const CRASHER = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: crasher, namespace: kube-system}',
  'spec:',
  '  hostNetwork: true',
  '  containers:',
  '  - {name: main, image: registry.k8s.io/kube-scheduler:v1.32.2, command: [kube-scheduler, --this-is-very-wrong]}',
  '',
].join('\n');

test('the joined table, and a crash-looping pod with its last log lines and finding', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(server.url);
  const pane = page.locator('#pane-pods');
  const table = pane.getByRole('grid', { name: 'Pods: crictl and kubectl side by side' });
  for (const name of ['etcd-controlplane', 'kube-apiserver-controlplane', 'kube-controller-manager-controlplane', 'kube-scheduler-controlplane']) {
    await expect(table.getByRole('row', { name: new RegExp(`^${name} static Running 1/1`) })).toBeVisible({ timeout: 30_000 });
  }
  // Both sides of the same static pod in one row: crictl's container id and kubectl's status.
  await expect(table.getByRole('row', { name: /^kube-scheduler-controlplane static Running 1\/1 0 \S+ [0-9a-f]{13} Running 1\/1 0/ })).toBeVisible({ timeout: 15_000 });

  // Give the Pods pane room, as a user would, with the dividers' keyboard resizing.
  await page.getByRole('separator', { name: 'Resize the upper and lower panes' }).focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowDown');
  await page.getByRole('separator', { name: 'Resize manifests and pods' }).focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowLeft');

  fs.writeFileSync(path.join(server.dataDir, 'sandbox-node/etc/kubernetes/manifests/crasher.yaml'), CRASHER);
  const row = table.getByRole('row', { name: /crasher-controlplane/ });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row.locator('[aria-label="error"]')).toBeVisible({ timeout: 30_000 });
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await table.focus();
  await page.keyboard.press('Enter');

  const details = pane.getByRole('region', { name: 'Details of crasher-controlplane' });
  await expect(details.getByText('main in crasher-controlplane is crash-looping')).toBeVisible();
  await expect(details.getByLabel('Evidence')).toContainText('Error: unknown flag: --this-is-very-wrong');
  await expect(details.getByLabel('Evidence')).toContainText(/last exit code 1/);

  // ↓ moves the selection to the next row (crasher sorts first among kube-system's static
  // pods), ↑ back; R refreshes without losing it.
  await table.focus();
  await page.keyboard.press('ArrowDown');
  await expect(table.locator('[aria-selected="true"]')).not.toContainText('crasher-controlplane');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('r');
  await expect(table.locator('[aria-selected="true"]')).toContainText('crasher-controlplane');
  await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/pods.png') });
});
