import { expect, test } from '@playwright/test';
import { startTestNodes, type TestNodeSet } from '../nodes';
import { startServe, type ServeProcess } from '../support/serve-process';
import { findSecret } from '../support/secret-scan';
import { makeSshHome } from '../support/ssh-home';

// Connecting to a real OpenSSH node from the UI: the node from ~/.ssh/config, the unknown
// host key question with its fingerprint, the sudo password question, then connected.
let nodes: TestNodeSet;
let server: ServeProcess;
let home: string;

test.beforeAll(async () => {
  nodes = await startTestNodes({ count: 1 });
  home = makeSshHome(nodes, { user: 'ks-sudo', trust: false });
  server = await startServe([], { HOME: home });
});

test.afterAll(async () => {
  await server?.stop();
  await nodes?.stop();
});

test('a new SSH node asks to trust its host key, then for the sudo password, and connects', async ({
  page,
}) => {
  await page.goto(await server.launchUrl());
  await page.getByRole('combobox', { name: 'Add a node' }).fill('controlplane');
  await page.getByRole('button', { name: 'Add' }).click();
  // A node added is selected and connected at once: the host key question comes first.

  const hostKey = page.getByRole('dialog', { name: /Unknown host/ });
  await expect(hostKey).toBeVisible();
  const shown = await hostKey.locator('.prompt-fingerprint code').first().textContent();
  expect(nodes.controlPlane.info.hostKeys.map((k) => k.fingerprint)).toContain(shown);
  await page.screenshot({ path: 'docs/screenshots/host-key-prompt.png' });
  await hostKey.getByRole('button', { name: 'Trust and connect' }).click();

  const sudo = page.getByRole('dialog', { name: /sudo password/ });
  await expect(sudo).toBeVisible({ timeout: 20_000 });
  await sudo.getByLabel('sudo password').fill(nodes.user('ks-sudo').password);
  await sudo.getByRole('button', { name: 'Use sudo' }).click();

  await expect(page.locator('.node-header [data-state="connected"]')).toBeVisible({ timeout: 20_000 });
  await page.locator('.node-header').getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.locator('.node-header [data-state="disconnected"]')).toBeVisible();
  // Nothing is left asking once the node is disconnected.
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Secrets at rest (docs/security.md test 16): the sudo password typed above is in no settings or
  // storage file of the app, not in its HOME, not in what it printed, not in the browser's
  // storage (cookies, localStorage, IndexedDB) — raw, base64 or hex.
  const storage = JSON.stringify(await page.context().storageState({ indexedDB: true }));
  const session = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
  const hits = findSecret(nodes.user('ks-sudo').password, {
    dirs: [server.dataDir, home],
    texts: { 'serve output': server.output(), 'browser storage': storage, sessionStorage: session },
  });
  expect(hits).toEqual([]);
  // The scan itself finds what it looks for: the app's files were read (the known_hosts entry
  // just trusted is there).
  const trusted = nodes.controlPlane.info.hostKeys.filter(
    (k) => findSecret(k.publicKey.split(' ')[1] ?? k.publicKey, { dirs: [server.dataDir] }).length > 0,
  );
  expect(trusted).toHaveLength(1);
});

test('a changed host key is refused with both fingerprints and no way to accept it', async ({ page }) => {
  await page.goto(await server.launchUrl());
  await page.getByRole('option', { name: /controlplane/ }).click();
  const header = page.locator('.node-header');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await nodes.controlPlane.restartSshd({ newHostKeys: true });
  await header.getByRole('button', { name: 'Connect', exact: true }).click();
  const error = header.getByRole('alert');
  await expect(error).toContainText(/changed|CHANGED/, { timeout: 20_000 });
  const fingerprints = nodes.controlPlane.info.hostKeys.map((k) => k.fingerprint);
  await expect(error).toContainText(fingerprints.find((f) => f) ?? 'SHA256:');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
