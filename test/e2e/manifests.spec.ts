import { expect, test, type Locator, type Page } from '@playwright/test';
import path from 'node:path';
import { startTestNodes, type TestNodeSet } from '../nodes';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';
import { makeSshHome } from '../support/ssh-home';

// Issue 5 acceptance (e2e): open a node, edit the kube-scheduler manifest, see the diff, save,
// watch the progress reach "running" — on the Sandbox node, and on a test node over SSH with
// password sudo.

async function editSchedulerSaveAndWatch(page: Page, pane: Locator, nodeName: string, shownAs: string) {
  // The directory as the kubelet sees it: kube-scheduler.yaml yields its pod.
  const row = pane.locator('tr[data-file="kube-scheduler.yaml"]');
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText(`pod kube-system/kube-scheduler-${nodeName}`);
  // Judged as the kubelet the node runs: its version, read by discovery (`kubelet --version`).
  await expect(row).toHaveAttribute('title', /as kubelet v1\.32\.2 judges it/);
  await expect(pane.getByTestId('manifest-kubelet-version')).toContainText(
    'Verdicts for kubelet v1.32.2, from `kubelet --version` on the node.',
  );
  await row.click();
  const editor = pane.getByTestId('manifest-editor');
  await expect(editor.locator('.cm-line', { hasText: 'tier: control-plane' })).toBeVisible();

  // A label change: a new decoded pod, so a new config hash (docs/kubelet.md §1.7).
  await editor.locator('.cm-line', { hasText: 'tier: control-plane' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('edited-by: kubelet-studio');
  await expect(editor.locator('.cm-line', { hasText: 'edited-by: kubelet-studio' })).toBeVisible();

  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: `Save kube-scheduler.yaml on ${shownAs}?` });
  await expect(dialog).toBeVisible();
  const diff = dialog.getByTestId('manifest-diff');
  await expect(diff.getByText(`On ${shownAs} now`)).toBeVisible();
  await expect(diff.locator('.cm-changedLine', { hasText: 'edited-by: kubelet-studio' })).toBeVisible();

  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  const watch = pane.getByTestId('watch-panel');
  await expect(watch).toBeVisible();
  await expect(watch.locator('[data-step="picked-up"][data-state="done"]')).toBeVisible({ timeout: 30_000 });
  await expect(watch.locator('[data-verdict="running"]')).toBeVisible({ timeout: 90_000 });
  for (const step of ['old-stopped', 'sandbox-started', 'containers-started', 'mirror-replaced', 'ready']) {
    await expect(watch.locator(`[data-step="${step}"]`)).toHaveAttribute('data-state', 'done');
  }
}

test.describe('on the Sandbox node', () => {
  let server: ServeProcess;
  test.beforeAll(async () => {
    server = await startServe();
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('edit kube-scheduler: diff, save, watch it reach running', async ({ page }) => {
    test.setTimeout(150_000);
    await page.goto(await server.launchUrl());
    await page
      .getByRole('option', { name: /Sandbox node/ })
      .first()
      .click();
    const pane = page.locator('#pane-manifests');
    await editSchedulerSaveAndWatch(page, pane, 'controlplane', 'Sandbox node');
    await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/manifests.png') });
  });
});

test.describe('on a test node over SSH with password sudo', () => {
  let nodes: TestNodeSet;
  let server: ServeProcess;
  test.beforeAll(async () => {
    nodes = await startTestNodes({ count: 1 });
    server = await startServe([], { HOME: makeSshHome(nodes, { user: 'ks-sudo' }) });
  });
  test.afterAll(async () => {
    await server?.stop();
    await nodes?.stop();
  });

  test('edit kube-scheduler: diff, save, watch it reach running', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(await server.launchUrl());
    const nodeName = nodes.controlPlane.info.name;
    await page.getByRole('combobox', { name: 'Add a node' }).fill(nodeName);
    await page.getByRole('button', { name: 'Add' }).click();
    // A node added is selected and connected at once; the sudo question follows.
    const sudo = page.getByRole('dialog', { name: /sudo password/ });
    await expect(sudo).toBeVisible({ timeout: 20_000 });
    await sudo.getByLabel('sudo password').fill(nodes.user('ks-sudo').password);
    await sudo.getByRole('button', { name: 'Use sudo' }).click();
    await expect(page.locator('.node-header [data-state="connected"]')).toBeVisible({ timeout: 20_000 });

    await editSchedulerSaveAndWatch(page, page.locator('#pane-manifests'), nodeName, nodeName);
  });
});
