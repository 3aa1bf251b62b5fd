import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { CRASHER_MANIFEST } from '../support/sandbox-manifests';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';

// Issue 6 acceptance (e2e): the Pods pane of the Sandbox node shows the joined table (crictl and
// kubectl side by side, static pods first); selecting a crash-looping pod shows its last log
// lines and the finding with its evidence.
let server: ServeProcess;
test.beforeAll(async () => {
  server = await startServe();
});
test.afterAll(async () => {
  await server?.stop();
});

test('the joined table, and a crash-looping pod with its last log lines and finding', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(await server.launchUrl());
  const pane = page.locator('#pane-pods');
  const table = pane.getByRole('grid', { name: 'Pods: crictl and kubectl side by side' });
  for (const name of [
    'etcd-controlplane',
    'kube-apiserver-controlplane',
    'kube-controller-manager-controlplane',
    'kube-scheduler-controlplane',
  ]) {
    await expect(
      table.getByRole('row', { name: new RegExp(`^${name} static · kube-system Running 1/1`) }),
    ).toBeVisible({ timeout: 30_000 });
  }
  // Both sides of the same static pod in one row: crictl's state, ready, restarts, age, then its
  // container id (13 characters) and image digest (short form), then kubectl's status, ready,
  // restarts, age, the pod IP and the image tag.
  const scheduler = table.getByRole('row', {
    name: /^kube-scheduler-controlplane static · kube-system Running 1\/1 0 \S+ [0-9a-f]{13} @[0-9a-f]{12} Running 1\/1 0 \S+ \d+\.\d+\.\d+\.\d+ v\d+\.\d+\.\d+$/,
  });
  await expect(scheduler).toBeVisible({ timeout: 15_000 });
  // The short forms keep the full references in their tooltips.
  await expect(scheduler.getByRole('gridcell').nth(6)).toHaveAttribute(
    'title',
    /^[0-9a-f]{13} {2}\S+@sha256:[0-9a-f]{64}$/,
  );
  await expect(scheduler.getByRole('gridcell').nth(11)).toHaveAttribute(
    'title',
    /kube-scheduler:v\d+\.\d+\.\d+/,
  );

  // Give the Pods pane room, as a user would: maximise it from the keyboard.
  await page.keyboard.press('Alt+3');
  await page.keyboard.press('Control+Shift+Enter');

  fs.writeFileSync(
    path.join(server.dataDir, 'sandbox-node/etc/kubernetes/manifests/crasher.yaml'),
    CRASHER_MANIFEST,
  );
  const row = table.getByRole('row', { name: /crasher-controlplane/ });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row.locator('[aria-label="error"]')).toBeVisible({ timeout: 30_000 });
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await table.focus();
  await page.keyboard.press('Enter');

  const details = pane.getByRole('complementary', { name: 'Details of crasher-controlplane' });
  await expect(details.getByText('main in crasher-controlplane is crash-looping')).toBeVisible();
  await expect(details.getByLabel('Evidence')).toContainText('Error: unknown flag: --this-is-very-wrong');
  await expect(details.getByLabel('Evidence')).toContainText(/last exit code 1/);

  // ↓ moves the selection to the next row (crasher, with an error, is listed first), ↑ back;
  // R refreshes without losing it.
  await table.focus();
  await page.keyboard.press('ArrowDown');
  await expect(table.locator('[aria-selected="true"]')).not.toContainText('crasher-controlplane');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('r');
  await expect(table.locator('[aria-selected="true"]')).toContainText('crasher-controlplane');
  await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/pods.png') });
});

// The joined table fits the Pods pane of a 1400×900 window: no sideways scrolling, the kubectl
// columns in view beside crictl's. Narrower, it scrolls sideways with the pod names staying put.
test('the joined table fits its pane at 1400×900 and scrolls sideways, names kept, when narrower', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await server.launchUrl());
  const pane = page.locator('#pane-pods');
  const table = pane.getByRole('grid', { name: 'Pods: crictl and kubectl side by side' });
  const scheduler = table.getByRole('row', {
    name: /^kube-scheduler-controlplane static · kube-system Running 1\/1 0 \S+ [0-9a-f]{13} \S+ Running 1\/1 0 /,
  });
  await expect(scheduler).toBeVisible({ timeout: 30_000 });

  const widths = () =>
    pane.evaluate((el) => {
      const body = el.querySelector('.pods-pane') as HTMLElement;
      const grid = el.querySelector('[role="grid"]') as HTMLElement;
      const scroller = el.querySelector('[data-testid="pods-scroll"]') as HTMLElement;
      return {
        pane: body.clientWidth,
        paneScroll: body.scrollWidth,
        table: grid.scrollWidth,
        scroller: scroller.clientWidth,
        scrollerScroll: scroller.scrollWidth,
      };
    });
  const fit = await widths();
  expect(fit.table).toBeLessThanOrEqual(fit.pane);
  expect(fit.paneScroll).toBeLessThanOrEqual(fit.pane);
  expect(fit.scrollerScroll).toBeLessThanOrEqual(fit.scroller);

  // kubectl's group header and its four column headers (the second status/ready/restarts/age)
  // lie inside the pane and the viewport.
  const paneBox = (await pane.boundingBox())!;
  const headers = [table.getByRole('columnheader', { name: /^kubectl/ })];
  for (const name of ['status', 'ready', 'restarts', 'age'])
    headers.push(table.getByRole('columnheader', { name, exact: true }).last());
  for (const header of headers) {
    const box = (await header.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(paneBox.x);
    expect(box.x + box.width).toBeLessThanOrEqual(Math.min(paneBox.x + paneBox.width, 1400));
  }
  await expect(scheduler.getByRole('gridcell').nth(7)).toHaveText('Running');
  await expect(scheduler.getByRole('gridcell').nth(7)).toBeInViewport({ ratio: 1 });

  // At 1000 px the pane is too narrow: the table scrolls sideways (the pane itself does not), and
  // scrolled to the end, kubectl's last column and the pod's name are both in view.
  await page.setViewportSize({ width: 1000, height: 900 });
  const narrow = await widths();
  expect(narrow.scrollerScroll).toBeGreaterThan(narrow.scroller);
  expect(narrow.paneScroll).toBeLessThanOrEqual(narrow.pane);
  await table.getByTestId('pods-scroll').evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  const scrollerBox = (await table.getByTestId('pods-scroll').boundingBox())!;
  const nameBox = (await scheduler.getByRole('gridcell').first().boundingBox())!;
  expect(nameBox.x).toBeGreaterThanOrEqual(scrollerBox.x - 1);
  expect(nameBox.x).toBeLessThanOrEqual(scrollerBox.x + 6);
  const ageBox = (await table.getByRole('columnheader', { name: 'age', exact: true }).last().boundingBox())!;
  expect(ageBox.x + ageBox.width).toBeLessThanOrEqual(scrollerBox.x + scrollerBox.width + 1);
});
