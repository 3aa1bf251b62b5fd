/**
 * The set-up the operator walk-through specs on the Sandbox node share: one `kubelet-studio
 * serve` a spec file (started before its tests, stopped after), a 1400×900 window, and the steps
 * they all take (open the app and wait for the node, open a manifest in the editor, write or
 * remove a pod that crash-loops).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { CRASHER_MANIFEST, sandboxManifestDir } from './sandbox-manifests';
import { startServe, type ServeProcess } from './serve-process';

export interface OperatorSandbox {
  /** The running serve (set once the file's beforeAll has run). */
  readonly server: ServeProcess;
  /** The path of a manifest in the Sandbox node's static pod path. */
  manifestPath(name: string): string;
  /** Opens the app in `page` and waits until the Sandbox node is connected. */
  ready(page: Page): Promise<void>;
  /** Opens a manifest in the editor and returns the editor once it shows the file. */
  openFile(page: Page, name: string): Promise<Locator>;
  /**
   * In the editor showing `file`, adds `flag` to the container whose command is `command`, as
   * one edit, and asks to save (Ctrl+S): the file's text before, and the save dialog.
   */
  saveWithFlag(
    page: Page,
    editor: Locator,
    file: string,
    command: string,
    flag: string,
  ): Promise<{ original: string; dialog: Locator }>;
  /** Writes crasher.yaml (the crash-looping pod) and returns its path. */
  writeCrasher(): string;
  removeCrasher(): void;
}

/** Registers the file's serve (beforeAll/afterAll) and viewport; call once at a spec's top level. */
export function useOperatorSandbox(): OperatorSandbox {
  let server: ServeProcess | undefined;
  test.beforeAll(async () => {
    server = await startServe();
  });
  test.afterAll(async () => {
    await server?.stop();
  });
  test.use({ viewport: { width: 1400, height: 900 } });

  const serve = (): ServeProcess => {
    if (!server) throw new Error('the serve process has not started (used outside a test?)');
    return server;
  };
  const manifestPath = (name: string) => path.join(sandboxManifestDir(serve().dataDir), name);
  return {
    get server() {
      return serve();
    },
    manifestPath,
    async ready(page) {
      await page.goto(await serve().launchUrl());
      await expect(page.locator('.node-header [data-state="connected"]')).toBeVisible({ timeout: 30_000 });
    },
    async openFile(page, name) {
      const pane = page.locator('#pane-manifests');
      await pane.getByRole('button', { name: 'Refresh' }).click();
      await pane.locator(`tr[data-file="${name}"]`).click();
      const editor = pane.getByTestId('manifest-editor');
      await expect(pane.getByTestId('editor-file')).toHaveText(name);
      await expect(editor.locator('.cm-line').first()).toBeVisible();
      return editor;
    },
    async saveWithFlag(page, editor, file, command, flag) {
      const original = fs.readFileSync(manifestPath(file), 'utf8');
      await editor.locator('.cm-content').click();
      await page.keyboard.press('Control+a');
      await page.keyboard.insertText(original.replace(`- ${command}\n`, `- ${command}\n    - ${flag}\n`));
      await page.keyboard.press('Control+s');
      return { original, dialog: page.getByRole('dialog', { name: `Save ${file} on Sandbox node?` }) };
    },
    writeCrasher() {
      const file = manifestPath('crasher.yaml');
      fs.writeFileSync(file, CRASHER_MANIFEST, { mode: 0o600 });
      return file;
    },
    removeCrasher() {
      fs.rmSync(manifestPath('crasher.yaml'), { force: true });
    },
  };
}
