import { expect, test, type Locator, type Page } from '@playwright/test';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startServe, type ServeProcess } from '../support/serve-process';

// Issue 5's dialogs clicked through as a user would on the Sandbox node: a file changed on the
// node while it was being edited (take theirs / keep mine), content the kubelet would refuse
// (nothing written until "save anyway"), History → restore, and Delete → the backup area.

let server: ServeProcess;
/** The Sandbox node's static pod path, as this machine reaches it (its root is in the data dir). */
let manifests: string;

test.beforeAll(async () => {
  server = await startServe();
  manifests = path.join(server.dataDir, 'sandbox-node/etc/kubernetes/manifests');
});

test.afterAll(async () => {
  await server?.stop();
});

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function openSandbox(page: Page): Promise<Locator> {
  await page.goto(await server.launchUrl());
  await page
    .getByRole('option', { name: /Sandbox node/ })
    .first()
    .click();
  return page.locator('#pane-manifests');
}

async function openFile(pane: Locator, name: string): Promise<Locator> {
  await pane.getByRole('button', { name: 'Refresh' }).click();
  const row = pane.locator(`tr[data-file="${name}"]`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  const editor = pane.getByTestId('manifest-editor');
  await expect(editor.locator('.cm-line').first()).toBeVisible();
  await expect(pane.getByTestId('editor-file')).toHaveText(name);
  return editor;
}

/** Types a comment line at the end of the document (a comment keeps the pod and its hash, §1.7). */
async function appendLine(page: Page, editor: Locator, text: string) {
  await editor.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
  await expect(editor.locator('.cm-line', { hasText: text })).toBeVisible();
}

test('a file changed on the node while editing: the conflict shows mine, theirs and the original; take theirs, then keep mine', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const pane = await openSandbox(page);
  const file = path.join(manifests, 'kube-scheduler.yaml');
  const editor = await openFile(pane, 'kube-scheduler.yaml');

  await appendLine(page, editor, '# my first edit');
  fs.appendFileSync(file, '# changed on the node\n');
  await page.keyboard.press('Control+s');
  let conflict = page.getByRole('dialog', { name: 'kube-scheduler.yaml changed on Sandbox node' });
  await expect(conflict).toBeVisible();
  await expect(
    conflict.getByText('The file changed on the node since you opened it. Nothing was written.'),
  ).toBeVisible();
  // Side by side: theirs (the node's file) on the left, my edit on the right, changes marked.
  const diff = conflict.getByTestId('manifest-diff');
  await expect(diff.getByText('Theirs (on Sandbox node now)')).toBeVisible();
  await expect(diff.getByText('Mine (your edit)')).toBeVisible();
  await expect(diff.locator('.cm-merge-b .cm-changedLine', { hasText: '# my first edit' })).toBeVisible();
  await expect(
    diff.locator('.cm-merge-a .cm-changedLine', { hasText: '# changed on the node' }),
  ).toBeVisible();
  // The other comparison: what changed on the node since the file was opened.
  await conflict.getByRole('radio', { name: 'What changed on the node since I opened it' }).check();
  await expect(diff.getByText('Original (when you opened it)')).toBeVisible();
  await expect(
    diff.locator('.cm-merge-b .cm-changedLine', { hasText: '# changed on the node' }),
  ).toBeVisible();
  await expect(diff.getByText('# my first edit')).toHaveCount(0);

  await conflict.getByRole('button', { name: 'Take theirs (discard my edit)' }).click();
  await expect(conflict).toBeHidden();
  // The editor now holds theirs; its end (CodeMirror draws only the lines in view) shows it.
  await editor.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await expect(editor.locator('.cm-line', { hasText: '# changed on the node' })).toBeVisible();
  await expect(editor.locator('.cm-line', { hasText: '# my first edit' })).toHaveCount(0);
  expect(fs.readFileSync(file, 'utf8')).not.toContain('# my first edit');

  // Changed again underneath a second edit; this time mine replaces theirs.
  await appendLine(page, editor, '# my second edit');
  fs.appendFileSync(file, '# changed again on the node\n');
  await page.keyboard.press('Control+s');
  conflict = page.getByRole('dialog', { name: 'kube-scheduler.yaml changed on Sandbox node' });
  await conflict.getByRole('button', { name: 'Keep mine (replace theirs on Sandbox node)' }).click();
  await expect(conflict).toBeHidden();
  await expect.poll(() => fs.readFileSync(file, 'utf8'), { timeout: 20_000 }).toContain('# my second edit');
  expect(fs.readFileSync(file, 'utf8')).not.toContain('# changed again on the node');
});

test('content the kubelet would refuse: the diff dialog lists the problems the editor marks, nothing is written until "save anyway" is confirmed', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const pane = await openSandbox(page);
  const file = path.join(manifests, 'kube-controller-manager.yaml');
  const before = sha256(file);
  const editor = await openFile(pane, 'kube-controller-manager.yaml');

  await editor.locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('kind: Deployment\nmetadata: {name: not-a-pod}\n');
  // The editor marks the problems; the diff dialog lists the same ones before anything is sent.
  await expect(editor.locator('.cm-lintRange-error').first()).toBeVisible({ timeout: 10_000 });
  await page.keyboard.press('Control+s');
  const diff = page.getByRole('dialog', { name: 'Save kube-controller-manager.yaml on Sandbox node?' });
  const problems = diff.getByRole('list', { name: 'Problems' });
  await expect(problems.getByRole('listitem').first()).toContainText('Error');
  const saveAnyway = diff.getByRole('button', { name: 'Save anyway' });
  await expect(saveAnyway).toBeDisabled();
  await diff.getByRole('checkbox', { name: /I understand the kubelet may stop this pod/ }).check();
  await expect(saveAnyway).toBeEnabled();
  await diff.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(diff).toBeHidden();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Nothing on the node changed, and the edit is still in the editor to be fixed.
  expect(sha256(file)).toBe(before);
  await expect(editor.locator('.cm-line', { hasText: 'kind: Deployment' })).toBeVisible();
});

test('History restores an earlier version; Delete moves the file to the backup area', async ({ page }) => {
  test.setTimeout(150_000);
  const original = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: dialogs-demo, namespace: default}',
    'spec:',
    '  containers:',
    '  - {name: main, image: busybox:1.36, command: [sleep, "3600"]}',
    '',
  ].join('\n');
  const file = path.join(manifests, 'dialogs-demo.yaml');
  fs.writeFileSync(file, original, { mode: 0o600 });
  const pane = await openSandbox(page);
  const editor = await openFile(pane, 'dialogs-demo.yaml');

  // A save keeps the replaced version as a backup.
  await appendLine(page, editor, '# edited once');
  await page.keyboard.press('Control+s');
  const diff = page.getByRole('dialog', { name: 'Save dialogs-demo.yaml on Sandbox node?' });
  await diff.getByRole('checkbox', { name: 'Watch what the kubelet does' }).uncheck();
  await diff.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(diff).toBeHidden();
  await expect.poll(() => fs.readFileSync(file, 'utf8'), { timeout: 20_000 }).toContain('# edited once');

  await pane.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('dialog', { name: 'History of dialogs-demo.yaml on Sandbox node' });
  const backups = history.getByRole('list', { name: 'Backups' }).getByRole('button');
  await expect(backups).toHaveCount(1, { timeout: 20_000 });
  await backups.first().click();
  await expect(history.getByText('Backup', { exact: true })).toBeVisible();
  await history.getByRole('button', { name: 'Restore this version' }).click();
  await expect(history).toBeHidden();
  await expect(pane.getByRole('status')).toHaveText('Restored dialogs-demo.yaml on Sandbox node.', {
    timeout: 20_000,
  });
  expect(fs.readFileSync(file, 'utf8')).toBe(original);

  await pane.getByRole('button', { name: 'Delete…' }).click();
  const remove = page.getByRole('dialog', { name: 'Delete dialogs-demo.yaml on Sandbox node?' });
  await remove.getByRole('button', { name: 'Move to the backup area' }).click();
  await expect(pane.getByRole('status')).toContainText('Moved dialogs-demo.yaml to ', { timeout: 20_000 });
  expect(fs.existsSync(file)).toBe(false);
  await expect(pane.locator('tr[data-file="dialogs-demo.yaml"]')).toHaveCount(0, {
    timeout: 20_000,
  });
});
