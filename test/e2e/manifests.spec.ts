import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';

// Issue 5 acceptance (e2e): open the Sandbox node, edit the kube-scheduler manifest, see the
// diff, save, watch the progress reach "running".
let server: ServeProcess;

test.beforeAll(async () => {
  server = await startServe();
});

test.afterAll(async () => {
  await server.stop();
});

async function openSandboxManifests(page: Page) {
  await page.goto(server.url);
  await page.getByRole('option', { name: /Sandbox node/ }).first().click();
  // Give the Manifests pane room, as a user would, with the dividers' keyboard resizing.
  await page.getByRole('separator', { name: 'Resize the upper and lower panes' }).focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowDown');
  await page.getByRole('separator', { name: 'Resize manifests and pods' }).focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
  const pane = page.locator('#pane-manifests');
  // The directory as the kubelet sees it: the four kubeadm manifests, each yielding its pod.
  await expect(pane.getByRole('button', { name: 'kube-scheduler.yaml' })).toBeVisible({ timeout: 30_000 });
  await expect(pane.getByText('pod kube-system/kube-scheduler-controlplane')).toBeVisible();
  return pane;
}

test('edit the kube-scheduler manifest of the Sandbox node: diff, save, watch it reach running', async ({ page }) => {
  test.setTimeout(120_000);
  const pane = await openSandboxManifests(page);
  await pane.getByRole('button', { name: 'kube-scheduler.yaml' }).click();
  const editor = pane.getByTestId('manifest-editor');
  await expect(editor.locator('.cm-line', { hasText: 'tier: control-plane' })).toBeVisible();

  // A label change: a new decoded pod, so a new config hash (kubelet-facts §1.7).
  await editor.locator('.cm-line', { hasText: 'tier: control-plane' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('edited-by: kubelet-studio');
  await expect(editor.locator('.cm-line', { hasText: 'edited-by: kubelet-studio' })).toBeVisible();
  // The user's text is kept as typed: the comment-free kubeadm layout is untouched elsewhere.
  await expect(editor.locator('.cm-line', { hasText: '- --leader-elect=true' })).toBeVisible();

  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Save kube-scheduler.yaml?' });
  await expect(dialog).toBeVisible();
  const diff = dialog.getByTestId('manifest-diff');
  await expect(diff.getByText('On the node now')).toBeVisible();
  await expect(diff.locator('.cm-changedLine', { hasText: 'edited-by: kubelet-studio' })).toBeVisible();

  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  const watch = pane.getByTestId('watch-panel');
  await expect(watch).toBeVisible();
  await expect(watch.locator('[data-step="picked-up"][data-state="done"]')).toBeVisible({ timeout: 30_000 });
  await expect(watch.locator('[data-verdict="running"]')).toBeVisible({ timeout: 60_000 });
  for (const step of ['old-stopped', 'sandbox-started', 'containers-started', 'mirror-replaced', 'ready']) {
    await expect(watch.locator(`[data-step="${step}"]`)).toHaveAttribute('data-state', 'done');
  }
  await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/manifests.png') });
});
