import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';

// Issue 7 acceptance: follow the Sandbox node's kubelet log, break a manifest, filter to that
// pod (by its manifest path: a file that does not parse has no pod name, kubelet-facts §5.4),
// and see "Could not process manifest file" highlighted as an error.
let server: ServeProcess;

test.beforeAll(async () => {
  server = await startServe();
});

test.afterAll(async () => {
  await server.stop();
});

test('a broken manifest shows up in the followed kubelet log as an error, filtered to its file', async ({ page }) => {
  await page.goto(server.url);
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
  for (const title of await pane.getByRole('row').evaluateAll((rows) => rows.map((r) => r.getAttribute('title') ?? ''))) {
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
