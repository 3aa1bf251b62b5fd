import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { seriousViolations } from '../support/axe';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';

// The doctor in the UI: its findings on the Sandbox node, the evidence
// expanded from the keyboard, the next step copied to the clipboard (read back in the page),
// the checks that could not run shown as such, the bundle saved and its path said; axe-core
// (WCAG 2.x A/AA, contrast included) finds nothing serious in the pane in either theme.
let server: ServeProcess;
test.beforeAll(async () => {
  server = await startServe();
});
test.afterAll(async () => {
  await server?.stop();
});
test.use({ viewport: { width: 1400, height: 900 } });

test('the doctor runs from the keyboard; evidence opens, the next step copies, the bundle is saved', async ({
  page,
  context,
}) => {
  test.setTimeout(150_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await page.goto(await server.launchUrl());
  await expect(page.locator('.node-header [data-state="connected"]')).toBeVisible({ timeout: 30_000 });

  // Alt+6 shows the Doctor's tab (beside the kubelet log) and focuses it; R runs the checks.
  const pane = page.locator('#pane-doctor');
  await expect(pane).toBeHidden();
  await page.keyboard.press('Alt+6');
  await expect(pane).toBeFocused();
  await expect(page.locator('#pane-logs')).toBeHidden();
  await expect(pane.getByText('No checks run yet')).toBeVisible();
  await page.keyboard.press('r');
  const summary = pane.getByTestId('doctor-summary');
  await expect(summary).toBeVisible({ timeout: 90_000 });

  // Checks that could not run are listed as such, as many as the summary counts.
  const notRun = /(\d+) of \d+ checks? could not run/.exec((await summary.textContent()) ?? '');
  await expect(pane.locator('.doctor-not-run li')).toHaveCount(Number(notRun?.[1] ?? 0));
  for (const item of await pane.locator('.doctor-not-run li').all())
    await expect(item).toContainText('Could not check');

  // A finding: its evidence opens from the keyboard.
  const finding = pane.locator('.doctor-finding').first();
  await expect(finding).toBeVisible();
  const toggle = finding.getByRole('button', { name: /Evidence/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  const evidence = finding.locator('.doctor-evidence');
  await expect(evidence).toBeHidden();
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(evidence).toBeVisible();
  expect(((await evidence.textContent()) ?? '').trim()).not.toBe('');

  // Its next step, copied: the button says so and the clipboard holds exactly that command.
  const nextStep = ((await finding.locator('.doctor-next code').textContent()) ?? '').trim();
  expect(nextStep).not.toBe('');
  await page.evaluate(() => navigator.clipboard.writeText('before'));
  const copy = finding.getByRole('button', { name: 'Copy the next step' });
  await copy.focus();
  await page.keyboard.press('Enter');
  await expect(finding.getByRole('button', { name: 'Copied the next step' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(nextStep);
  // Maximised (Ctrl+Shift+Enter, as any pane) for the screenshot and the axe check.
  await page.keyboard.press('Control+Shift+Enter');
  await expect(pane.getByRole('button', { name: 'Restore the Doctor pane' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await pane.screenshot({ path: path.join(repoRoot, 'docs/screenshots/doctor.png') });

  // The pane, with the evidence open, in both themes.
  const found = await seriousViolations(page, 'doctor', ['#pane-doctor', '.pane-tabs-strip']);
  await page.emulateMedia({ colorScheme: 'dark' });
  found.push(...(await seriousViolations(page, 'doctor', ['#pane-doctor', '.pane-tabs-strip'])));
  await page.emulateMedia({ colorScheme: 'light' });
  expect(found).toEqual([]);
  await pane.getByRole('button', { name: 'Restore the Doctor pane' }).click();
  await expect(page.locator('#pane-terminal')).toBeVisible();

  // Save bundle: the dialog, then where the archive went.
  await pane.getByRole('button', { name: 'Save bundle…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save a break-glass bundle' });
  await expect(dialog.getByRole('checkbox', { name: /Sandbox node/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Save bundle' }).click();
  const note = pane.getByTestId('doctor-bundle-note');
  await expect(note).toBeVisible({ timeout: 90_000 });
  const archive = ((await note.locator('code').textContent()) ?? '').trim();
  expect(archive.startsWith(server.dataDir + path.sep)).toBe(true);
  expect(fs.statSync(archive).size).toBeGreaterThan(0);

  // Alt+4 brings the kubelet log back in the same place.
  await page.keyboard.press('Alt+4');
  await expect(page.locator('#pane-logs')).toBeFocused();
  await expect(pane).toBeHidden();
});
