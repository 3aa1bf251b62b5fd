import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { sandboxManifestDir } from '../support/sandbox-manifests';
import { seriousViolations } from '../support/axe';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';

// The node timeline against the Sandbox node: a manifest that crash-loops is written on the
// node; its file change and its container's restarts appear as markers; choosing the file's
// marker (keyboard) filters the Logs pane to what happened after it and marks the pod and the
// file; Escape clears it.
let server: ServeProcess;
test.beforeAll(async () => {
  server = await startServe();
});
test.afterAll(async () => {
  await server?.stop();
});
test.use({ viewport: { width: 1400, height: 900 } });

test('choosing a moment on the timeline shows what happened after it, and Escape clears it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto(await server.launchUrl());
  await expect(page.locator('.node-header [data-state="connected"]')).toBeVisible({ timeout: 30_000 });
  const logs = page.locator('#pane-logs');
  await expect(logs.getByRole('row').first()).toBeVisible({ timeout: 30_000 });
  const timeline = page.getByRole('region', { name: 'Timeline of Sandbox node' });
  await expect(timeline).toBeVisible();

  const file = path.join(sandboxManifestDir(server.dataDir), 'timeline-crash.yaml');
  fs.writeFileSync(
    file,
    'apiVersion: v1\nkind: Pod\nmetadata: {name: timeline-crash, namespace: kube-system}\nspec:\n  containers:\n  - {name: main, image: registry.k8s.io/kube-scheduler:v1.32.2, command: [kube-scheduler, --wrong]}\n',
  );
  // The file's mtime from the listing ("modified", not "saved by"), then a restart seen by
  // diffing two pods snapshots.
  const modified = timeline.getByRole('button', { name: /timeline-crash\.yaml modified/ });
  await expect(modified).toBeVisible({ timeout: 45_000 });
  await expect(timeline.getByRole('button', { name: /timeline-crash-.*: main restarted/ })).toBeVisible({
    timeout: 120_000,
  });

  // Keyboard: the markers are one group (one Tab stop); arrows, Home and End move, Enter chooses.
  const markers = timeline.getByRole('group', { name: 'Timeline events, oldest first' }).getByRole('button');
  expect(await markers.count()).toBeGreaterThan(1); // the files kubeadm wrote at start, the new one
  await modified.focus();
  await page.keyboard.press('Home');
  await expect(markers.first()).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(markers.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(markers.last()).toBeFocused();
  expect(await markers.evaluateAll((all) => all.filter((b) => b.tabIndex === 0).length)).toBe(1);
  await modified.focus();
  await page.keyboard.press('Enter');
  const chip = timeline.getByRole('button', { name: /^Since \d\d:\d\d:\d\d: clear/ });
  await expect(chip).toBeVisible();
  await expect(modified).toHaveAttribute('aria-pressed', 'true');

  // Logs: only the lines after it, and the crash-looping pod's lines are among them.
  await expect(logs.getByTestId('logs-since')).toBeVisible();
  await expect(logs.getByTestId('logs-count')).toContainText(' of ');
  // The first line shown is not older than the moment (klog's time of day, the node's local time
  // as the page's: both run on this machine).
  const sinceText = ((await chip.textContent()) ?? '').match(/\d\d:\d\d:\d\d/)?.[0] ?? '';
  await logs.getByRole('grid', { name: 'Kubelet log lines' }).focus();
  await page.keyboard.press('Home');
  const firstRaw = (await logs.getByRole('row').first().getAttribute('title')) ?? '';
  const firstTime = firstRaw.match(/^[IWEF]\d{4} (\d\d:\d\d:\d\d)/)?.[1] ?? '';
  expect(firstTime >= sinceText, `${firstTime} ≥ ${sinceText}`).toBe(true);
  await modified.focus();
  // Manifests: the file modified after it is marked, the untouched ones are not.
  const manifests = page.locator('#pane-manifests');
  await expect(manifests.locator('tr[data-file="timeline-crash.yaml"]')).toHaveAttribute(
    'data-modified-since',
    '',
  );
  await expect(manifests.locator('tr[data-file="kube-apiserver.yaml"]')).not.toHaveAttribute(
    'data-modified-since',
    '',
  );
  // Pods: the new pod changed after it; kube-apiserver did not.
  const pods = page.locator('#pane-pods');
  await expect(
    pods.locator('[role="row"][data-changed-since]').filter({ hasText: 'timeline-crash' }),
  ).toBeVisible();
  await expect(
    pods.locator('[role="row"][data-changed-since]').filter({ hasText: 'kube-apiserver-' }),
  ).toHaveCount(0);

  expect(await seriousViolations(page, 'timeline', ['.timeline'])).toEqual([]);
  await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/timeline.png') });

  await page.keyboard.press('Escape');
  await expect(chip).toBeHidden();
  await expect(logs.getByTestId('logs-since')).toBeHidden();
  await expect(logs.getByTestId('logs-count')).not.toContainText(' of ');
  await expect(manifests.locator('tr[data-modified-since]')).toHaveCount(0);
  fs.rmSync(file, { force: true });
});
