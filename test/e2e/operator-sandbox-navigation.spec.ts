import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { useOperatorSandbox } from '../support/operator-sandbox';
import { fillManifestsTo } from '../support/sandbox-manifests';
import { repoRoot } from '../support/serve-process';

// The operator's walk-through on the Sandbox node, each test numbered by the problem it walks
// through: moving around by keyboard (panes, the terminal, the log grid, the Pods table),
// filtering logs and pods, modal dialogs, and no text meant for developers in the UI.
// Saving and rolling back: operator-sandbox-editing.spec.ts.

const sandbox = useOperatorSandbox();
const { manifestPath, ready, openFile, writeCrasher, removeCrasher } = sandbox;

test('2 · Alt+2, Ctrl+Shift+2 and F6 leave the terminal; Tab stays in the shell', async ({ page }) => {
  await ready(page);
  const terminal = page.locator('#pane-terminal');
  await terminal.getByRole('button', { name: 'Open a terminal' }).click();
  const rows = terminal.locator('.terminal-view:not([hidden]) .xterm-rows');
  await expect(rows).toContainText('[sandbox]', { timeout: 20_000 });
  const input = terminal.locator('.terminal-view:not([hidden]) textarea.xterm-helper-textarea');
  await expect(input).toBeFocused();

  await page.keyboard.press('Alt+2');
  await expect(page.locator('#pane-manifests')).toBeFocused();
  await input.focus();
  await page.keyboard.press('Control+Shift+2');
  await expect(page.locator('#pane-manifests')).toBeFocused();
  await input.focus();
  await page.keyboard.press('F6'); // the terminal is the last pane: F6 goes round to the nodes
  await expect(page.locator('[data-pane="nodes"]')).toBeFocused();
  await input.focus();
  await page.keyboard.press('Shift+F6');
  await expect(page.locator('#pane-logs')).toBeFocused();

  // Tab and Escape are the shell's: the focus stays in the terminal.
  await input.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await expect(input).toBeFocused();
  await expect(page.locator('.status-bar')).toContainText('also from the terminal');
});

test("3 · a long log line's cause can be read whole, by keyboard", async ({ page }) => {
  await ready(page);
  writeCrasher();
  const logs = page.locator('#pane-logs');
  await logs.getByLabel('Filter by pod').fill('kube-system/crasher-controlplane');
  await logs.getByRole('checkbox', { name: /^Error/ }).check();
  const grid = logs.getByRole('grid', { name: 'Kubelet log lines' });
  const backOff = grid.getByRole('row').filter({ hasText: 'CrashLoopBackOff' }).first();
  await expect(backOff).toBeAttached({ timeout: 60_000 });

  // Keyboard only: to the grid, the first line, open it.
  await page.keyboard.press('Alt+4');
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const details = logs.getByTestId('log-line-details');
  await expect(details).toBeVisible();
  const selected = grid.locator('[role="row"][aria-selected="true"]');
  const raw = (await selected.getAttribute('title')) ?? '';
  expect(raw).toContain('err=');
  // Every key/value whole: the cause, as the kubelet wrote it, not cut at the pane's edge.
  const err = details.locator('dt', { hasText: /^err$/ }).locator('xpath=following-sibling::dd[1]');
  await expect(err).toContainText('StartContainer');
  await expect(err).toContainText('CrashLoopBackOff');
  const box = (await err.boundingBox())!;
  const pane = (await logs.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(pane.x + pane.width + 1); // wrapped, so within the pane
  await expect(details.getByRole('checkbox', { name: 'Wrap long lines' })).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  removeCrasher();
});

test('8 · the Pods table filters with /, sorts names naturally, lists problem pods first, and shows details in a closable panel that follows the selection', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await ready(page);
  fillManifestsTo(sandbox.server.dataDir, 15); // app-1 … app-11
  writeCrasher();
  const pods = page.locator('#pane-pods');
  const grid = pods.getByRole('grid', { name: /Pods/ });
  const names = () => grid.locator('[role="row"][data-uid] .pods-name').allTextContents();
  await expect(grid.getByRole('row', { name: /app-11-controlplane/ })).toBeVisible({ timeout: 60_000 });
  await expect(grid.locator('[role="row"][data-uid]').first()).toContainText('crasher-controlplane', {
    timeout: 60_000,
  });

  // Maximised, with the pods only: app-2 before app-10.
  await page.keyboard.press('Alt+3');
  await page.keyboard.press('Control+Shift+Enter');
  await page.keyboard.press('/');
  await expect(pods.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('app-1');
  await expect.poll(names).toEqual(['app-1-controlplane', 'app-10-controlplane', 'app-11-controlplane']);
  await pods.getByRole('searchbox').fill('default app');
  await grid.getByRole('button', { name: 'Pod', exact: true }).click();
  const sorted = await names();
  expect(sorted.indexOf('app-2-controlplane')).toBeLessThan(sorted.indexOf('app-10-controlplane'));
  await expect(grid.getByRole('columnheader', { name: /Pod/ })).toHaveAttribute('aria-sort', 'ascending');

  // Details: Enter opens them beside the table; ↓ moves the selection and the details follow.
  await pods.getByRole('searchbox').fill('');
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  const details = pods.getByRole('complementary', { name: /^Details of / });
  await expect(details).toHaveAttribute('aria-label', 'Details of app-1-controlplane');
  await page.keyboard.press('ArrowDown');
  await expect(details).toHaveAttribute('aria-label', 'Details of app-2-controlplane');
  await expect(page.getByTestId('announcer')).toContainText('app-2-controlplane');
  await expect(pods.locator('.pods-findings')).toBeVisible(); // the findings stay
  await details.getByRole('button', { name: 'Close the details' }).click();
  await expect(details).toBeHidden();
  await expect(grid).toBeFocused();
  removeCrasher();
});

test('10 · the log filter bar: labelled times with one Tab stop each, severities F E W I with counts, a bad regex marked, repeats folded, one Clear', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await ready(page);
  writeCrasher();
  const logs = page.locator('#pane-logs');
  const bar = logs.getByRole('group', { name: 'Log filters' });
  const levels = bar.getByRole('group', { name: 'Severities' }).getByRole('checkbox');
  const labels = await bar.locator('.logs-level').allTextContents();
  expect(labels.slice(0, 4).map((l) => l.replace(/[\d,()]/g, '').trim())).toEqual([
    'Fatal',
    'Error',
    'Warning',
    'Info',
  ]);
  await expect(levels).toHaveCount(5);
  await expect(logs.getByTestId('logs-count-E')).not.toHaveText('0', { timeout: 60_000 });

  const from = bar.getByLabel('From');
  const until = bar.getByLabel('Until');
  await from.focus();
  await page.keyboard.press('Tab');
  await expect(until).toBeFocused();
  await page.keyboard.type('soon');
  await expect(until).toHaveAttribute('aria-invalid', 'true');
  await until.fill('');

  const regex = bar.getByLabel('Filter by regular expression');
  await regex.fill('kubelet(');
  await expect(regex).toHaveAttribute('aria-invalid', 'true');
  await expect(bar.getByText(/Not applied/)).toBeVisible();
  await regex.fill('CrashLoop');
  await expect(regex).toHaveAttribute('aria-invalid', 'false');

  // A file that does not parse is reported again at every re-list (20 s), word for word;
  // folded, the run is one row with its count.
  const broken = manifestPath('broken-fold.yaml');
  fs.writeFileSync(broken, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n spec: [unclosed\n');
  await regex.fill('');
  await bar.getByLabel('Filter by pod').fill(broken);
  await bar.getByRole('checkbox', { name: 'Fold repeats' }).check();
  await expect(logs.locator('.logs-repeats').first()).toHaveText(/^×[2-9]/, { timeout: 90_000 });
  fs.rmSync(broken, { force: true });

  await bar.getByRole('button', { name: 'Clear filters' }).click();
  await expect(regex).toHaveValue('');
  await expect(bar.getByRole('checkbox', { name: 'Fold repeats' })).not.toBeChecked();
  await expect(bar.getByRole('button', { name: 'Clear filters' })).toBeDisabled();
  removeCrasher();
});

test('11 · dialogs are modal (Tab stays in, Escape returns the focus to the opener), no native confirm, selection moves announced', async ({
  page,
}) => {
  await ready(page);
  let nativeDialogs = 0;
  page.on('dialog', (d) => {
    nativeDialogs += 1;
    void d.dismiss();
  });
  const editor = await openFile(page, 'etcd.yaml');
  await editor.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# x');
  const save = page.locator('#pane-manifests').getByRole('button', { name: 'Save…' });
  await save.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Save etcd.yaml on Sandbox node?' });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(save).toBeFocused();

  // Opening another file with an unsaved edit asks in the app's dialog, not the browser's.
  await page.locator('#pane-manifests tr[data-file="kube-scheduler.yaml"]').click();
  const discard = page.getByRole('dialog', { name: /^Discard your changes to etcd.yaml/ });
  await expect(discard).toBeVisible();
  await discard.getByRole('button', { name: 'Keep editing' }).click();
  await page.getByRole('button', { name: 'Reset sandbox' }).click();
  const reset = page.getByRole('dialog', { name: 'Reset Sandbox node?' });
  await expect(reset).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Reset sandbox' })).toBeFocused();
  expect(nativeDialogs).toBe(0);

  // Selection moves are announced once, politely.
  const list = page.getByRole('listbox', { name: 'Node list' });
  await list.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('announcer')).toHaveText(/^Sandbox node, Connected, 1 of 1$/);
  await expect(page.getByTestId('announcer')).toHaveAttribute('aria-live', 'polite');
});

test('12 · no text meant for developers in the UI', async ({ page }) => {
  await ready(page);
  await openFile(page, 'kube-apiserver.yaml');
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/§|docs\/[a-z-]+\.md/);
  // The renderer's code (comments stripped by the build) holds no such reference either.
  const assets = path.join(repoRoot, 'out/renderer/assets');
  for (const file of fs.readdirSync(assets).filter((f) => f.endsWith('.js'))) {
    const code = fs.readFileSync(path.join(assets, file), 'utf8');
    expect(code.match(/.{0,60}docs\/kubelet\.md.{0,20}/g) ?? []).toEqual([]);
  }
});
