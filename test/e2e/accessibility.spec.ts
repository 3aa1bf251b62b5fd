import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { seriousViolations } from '../support/axe';
import { startServe, type ServeProcess } from '../support/serve-process';
import { sandboxManifestDir } from '../support/sandbox-manifests';

// axe-core (WCAG 2.x A and AA rules, contrast included, test/support/axe.ts) over the main views
// in the light and the dark theme: no serious or critical violation.
let server: ServeProcess;
test.beforeAll(async () => {
  server = await startServe();
});
test.afterAll(async () => {
  await server?.stop();
});
test.use({ viewport: { width: 1400, height: 900 } });

for (const scheme of ['light', 'dark'] as const) {
  test(`the main views have no serious or critical accessibility violation, ${scheme} theme`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const found: string[] = [];
    await page.goto(await server.launchUrl());
    await expect(page.locator('.node-header [data-state="connected"]')).toBeVisible({ timeout: 30_000 });
    const crasher = path.join(sandboxManifestDir(server.dataDir), `a11y-${scheme}.yaml`);
    fs.writeFileSync(
      crasher,
      `apiVersion: v1\nkind: Pod\nmetadata: {name: a11y-${scheme}, namespace: kube-system}\nspec:\n  containers:\n  - {name: main, image: registry.k8s.io/kube-scheduler:v1.32.2, command: [kube-scheduler, --wrong]}\n`,
    );
    const pods = page.locator('#pane-pods');
    await expect(pods.locator('.pods-finding').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('#pane-logs').getByRole('row').first()).toBeVisible({ timeout: 30_000 });
    // The workspace with a finding, the log and the editor open.
    await page.locator('#pane-manifests tr[data-file="kube-apiserver.yaml"]').click();
    await expect(page.getByTestId('manifest-editor').locator('.cm-line').first()).toBeVisible();
    found.push(...(await seriousViolations(page, 'workspace')));

    // Pod details beside the table; a log line opened.
    await pods.getByRole('grid').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect(pods.getByRole('complementary')).toBeVisible();
    const logs = page.locator('#pane-logs');
    await logs.getByRole('grid').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect(logs.getByTestId('log-line-details')).toBeVisible();
    found.push(...(await seriousViolations(page, 'details')));

    // The save dialog with its diff.
    await page.locator('#pane-manifests .cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# a11y');
    await page.keyboard.press('Control+s');
    await expect(page.getByRole('dialog')).toBeVisible();
    await expect(page.getByRole('dialog').getByTestId('manifest-diff')).toBeVisible();
    found.push(...(await seriousViolations(page, 'save dialog')));
    await page.keyboard.press('Escape');

    // A terminal.
    await page.locator('#pane-terminal').getByRole('button', { name: 'Open a terminal' }).click();
    await expect(page.locator('#pane-terminal .xterm-rows')).toContainText('[sandbox]', { timeout: 20_000 });
    found.push(...(await seriousViolations(page, 'terminal')));

    fs.rmSync(crasher, { force: true });
    expect(found).toEqual([]);
    await context.close();
  });
}
