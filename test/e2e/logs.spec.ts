import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';

// Issue 7 acceptance: follow the Sandbox node's kubelet log, break a manifest, filter to that
// pod (by its manifest path: a file that does not parse has no pod name, docs/kubelet.md §5.4),
// and see "Could not process manifest file" highlighted as an error.
let server: ServeProcess;

test.beforeAll(async () => {
  server = await startServe();
});

test.afterAll(async () => {
  await server.stop();
});

test('a broken manifest shows up in the followed kubelet log as an error, filtered to its file', async ({
  page,
}) => {
  await page.goto(await server.launchUrl());
  const pane = page.locator('#pane-logs');
  await expect(pane.getByText('Following')).toBeVisible({ timeout: 30_000 });
  await expect(pane.getByRole('row').first()).toBeVisible({ timeout: 30_000 });

  const manifest = path.join(server.dataDir, 'sandbox-node/etc/kubernetes/manifests/broken-web.yaml');
  fs.writeFileSync(manifest, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n spec: [unclosed\n');

  await pane.getByLabel('Filter by pod').fill(manifest);
  const line = pane.getByRole('row').filter({ hasText: 'Could not process manifest file' }).first();
  await expect(line).toBeVisible({ timeout: 30_000 });
  await expect(line).toHaveAttribute('data-severity', 'E');
  await expect(line).toHaveClass(/logs-sev-E/);
  // Highlighted: the error colour, not the default text colour.
  const colour = await line.evaluate((el) => getComputedStyle(el).color);
  const plain = await pane.evaluate((el) => getComputedStyle(el).color);
  expect(colour).not.toBe(plain);
  // Every row of the filtered view names the file.
  for (const title of await pane
    .getByRole('row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('title') ?? ''))) {
    expect(title).toContain('broken-web.yaml');
  }

  // Next error (E) selects an error line.
  await pane.getByLabel('Filter by pod').fill('');
  await expect(pane.getByTestId('logs-count')).not.toContainText(' of ');
  await pane.getByRole('grid', { name: 'Kubelet log lines' }).focus();
  await page.keyboard.press('Shift+E');
  await expect(pane.locator('[role="row"][aria-selected="true"]')).toHaveAttribute('data-severity', /E|F/);

  await pane.getByLabel('Filter by pod').fill(manifest);
  await expect(line).toBeVisible();
  await pane.screenshot({ path: path.join(repoRoot, 'docs/screenshots/logs.png') });
  fs.rmSync(manifest, { force: true });
});

// Issue 7 point 3: one click from a pod row (Pods pane) or a manifest (Manifests pane) shows
// that pod's kubelet lines in the Logs pane, which takes the keyboard focus.
test("one click from a pod or its manifest shows that pod's kubelet lines", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(await server.launchUrl());
  const logs = page.locator('#pane-logs');
  await expect(logs.getByText('Following')).toBeVisible({ timeout: 30_000 });

  const table = page
    .locator('#pane-pods')
    .getByRole('grid', { name: 'Pods: crictl and kubectl side by side' });
  const row = table.getByRole('row', { name: /^kube-scheduler-controlplane static/ });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  await table.focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('complementary', { name: 'Details of kube-scheduler-controlplane' });
  const uid = ((await details.getByText(/^uid /).textContent()) ?? '').replace(/^uid /, '');
  await details.getByRole('button', { name: 'Kubelet log lines for this pod' }).click();

  await expect(logs).toBeFocused();
  await expect(logs.getByLabel('Filter by pod')).toHaveValue('kube-system/kube-scheduler-controlplane');
  await expect(logs.getByTestId('logs-count')).toContainText(' of ', { timeout: 15_000 });
  await expect(logs.getByRole('row').first()).toBeVisible({ timeout: 15_000 });
  for (const title of await logs
    .getByRole('row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('title') ?? ''))) {
    expect(
      title.includes('kube-system/kube-scheduler-controlplane') ||
        title.includes(uid) ||
        title.includes('kube-scheduler.yaml'),
    ).toBe(true);
  }

  // Clear it by hand, then the same from the manifest of kube-apiserver.
  await logs.getByLabel('Filter by pod').fill('');
  await expect(logs.getByTestId('logs-count')).not.toContainText(' of ');
  const manifests = page.locator('#pane-manifests');
  await manifests.locator('tr[data-file="kube-apiserver.yaml"]').click();
  await manifests.getByRole('button', { name: 'Log lines' }).click();
  await expect(logs).toBeFocused();
  await expect(logs.getByLabel('Filter by pod')).toHaveValue('kube-system/kube-apiserver-controlplane');
  await expect(logs.getByTestId('logs-count')).toContainText(' of ', { timeout: 15_000 });
  await expect(logs.getByRole('row').first()).toContainText(/kube-apiserver/, { timeout: 15_000 });
});
