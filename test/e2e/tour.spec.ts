import { expect, test } from '@playwright/test';
import { startServe, type ServeProcess } from '../support/serve-process';

// The Sandbox node's guided tour: each classic static-pod experiment done with "Do it", and
// the tour ticks it off only when the simulated kubelet has really done its part.
let server: ServeProcess;

test.beforeAll(async () => {
  server = await startServe();
});

test.afterAll(async () => {
  await server?.stop();
});

test('the tour walks through add, edit, delete, break and roll back on the Sandbox node', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto(await server.launchUrl());
  await expect(page.locator('.node-header [data-state="connected"]')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Tour' }).click();
  const tour = page.getByRole('complementary', { name: 'Static pod tour' });
  const titles = [
    'Add a static pod',
    'Change its image',
    'Delete it',
    'Break kube-apiserver.yaml',
    'Roll it back',
  ];
  for (const [index, title] of titles.entries()) {
    await expect(tour.getByRole('heading')).toContainText(title);
    await tour.getByRole('button', { name: 'Do it' }).click();
    await expect(tour.getByRole('status')).toHaveText('✓ The kubelet has done it', { timeout: 60_000 });
    if (index === 3) await page.screenshot({ path: 'docs/screenshots/tour-api-down.png' });
    if (index < titles.length - 1) await tour.getByRole('button', { name: 'Next' }).click();
  }
});
