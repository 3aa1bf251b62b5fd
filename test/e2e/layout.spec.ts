import { expect, test, type Locator, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../support/serve-process';
import { fillManifestsTo } from '../support/sandbox-manifests';

// Issue 11 point 10 at 1400×900, the size of a laptop screen: the Manifests pane shows a typical
// node's whole directory (8 files) and an editor of at least 30 lines; the Pods table shows 10
// pods without an inner scroll box; any pane can be maximised and restored from the keyboard.
let server: ServeProcess;

test.beforeAll(async () => {
  server = await startServe();
});
test.afterAll(async () => {
  await server?.stop();
});
test.use({ viewport: { width: 1400, height: 900 } });

/** True when the element lies wholly inside its scroll container's visible box and the viewport. */
async function fullyVisible(element: Locator, container: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const outer = await container.boundingBox();
  if (!box || !outer) return false;
  return (
    box.y >= outer.y - 0.5 &&
    box.y + box.height <= outer.y + outer.height + 0.5 &&
    box.y + box.height <= 900 &&
    box.height > 0
  );
}

async function sandboxReady(page: Page) {
  await page.goto(await server.launchUrl());
  await expect(page.locator('.node-header [data-state="connected"]')).toBeVisible({ timeout: 30_000 });
}

test('the Manifests pane shows all 8 files of a typical node and an editor of at least 30 lines', async ({
  page,
}) => {
  await sandboxReady(page);
  fillManifestsTo(server.dataDir, 8); // kubeadm's 4 + 4 of the operator's own
  const pane = page.locator('#pane-manifests');
  const rows = pane.locator('.manifest-table tbody tr');
  await expect(rows).toHaveCount(8, { timeout: 30_000 });
  await pane.locator('tr[data-file="kube-apiserver.yaml"]').click();
  const editor = pane.getByTestId('manifest-editor');
  await expect(editor.locator('.cm-line').first()).toBeVisible();

  const top = pane.locator('.manifests-top');
  // No scrolling needed: the list's box is not scrolled and each row lies inside it.
  expect(await top.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  for (let i = 0; i < 8; i++) expect(await fullyVisible(rows.nth(i), top)).toBe(true);

  // Lines the editor shows at once: its visible height over one line's height.
  const visibleLines = await editor.evaluate((el) => {
    const scroller = el.querySelector('.cm-scroller') as HTMLElement;
    const line = el.querySelector('.cm-line') as HTMLElement;
    const bottom = Math.min(scroller.getBoundingClientRect().bottom, window.innerHeight);
    return Math.floor((bottom - scroller.getBoundingClientRect().top) / line.getBoundingClientRect().height);
  });
  expect(visibleLines).toBeGreaterThanOrEqual(30);
});

test('the Pods table shows 10 pods without scrolling and uses the height of its pane', async ({ page }) => {
  await sandboxReady(page);
  // 9 static pods beside the Sandbox node's kube-proxy (a DaemonSet pod): 10 pods.
  fillManifestsTo(server.dataDir, 9);
  const pane = page.locator('#pane-pods');
  const table = pane.getByRole('grid', { name: /Pods/ });
  await expect(table.locator('[role="row"][data-uid]')).toHaveCount(10, { timeout: 60_000 });
  const scroller = table.getByTestId('pods-scroll');
  // No inner scroll box while the pane has room: the table's scroller holds all of its rows.
  expect(await scroller.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  const rows = table.locator('[role="row"][data-uid]');
  for (let i = 0; i < 10; i++) expect(await fullyVisible(rows.nth(i), scroller)).toBe(true);
});

test('any pane can be maximised and restored from the keyboard, and the shortcut is shown', async ({
  page,
}) => {
  await sandboxReady(page);
  const logs = page.locator('#pane-logs');
  const before = (await logs.boundingBox())!;
  await page.keyboard.press('Alt+4');
  await expect(logs).toBeFocused();
  await page.keyboard.press('Control+Shift+Enter');
  await expect(logs.getByRole('button', { name: 'Restore the Kubelet logs pane' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const maximised = (await logs.boundingBox())!;
  expect(maximised.width).toBeGreaterThan(before.width * 1.5);
  expect(maximised.height).toBeGreaterThan(before.height * 1.5);
  for (const other of ['#pane-manifests', '#pane-pods', '#pane-terminal'])
    await expect(page.locator(other)).toBeHidden();
  await expect(page.locator('.status-bar')).toContainText('Ctrl+Shift+Enter');

  await page.keyboard.press('Control+Shift+Enter');
  for (const other of ['#pane-manifests', '#pane-pods', '#pane-terminal'])
    await expect(page.locator(other)).toBeVisible();
  expect(Math.round((await logs.boundingBox())!.width)).toBe(Math.round(before.width));
  await expect(logs).toBeFocused();

  // Jumping to a pane hidden behind a maximised one restores the layout.
  await page.keyboard.press('Alt+3');
  await page.keyboard.press('Control+Shift+Enter');
  await expect(page.locator('#pane-manifests')).toBeHidden();
  await page.keyboard.press('Alt+2');
  await expect(page.locator('#pane-manifests')).toBeFocused();
  await expect(page.locator('#pane-pods')).toBeVisible();
});
