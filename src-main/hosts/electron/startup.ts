/**
 * Start-up facts of the Electron host, as tested functions: the window's options (with its
 * preload checked to exist), the data directory, the dialog a start-up failure shows, and
 * bringing the first window forward when the app is launched again.
 */
import path from 'node:path';
import { ContractError } from '../../contract';
import { defaultDataDir } from '../../store/data-dir';

/**
 * The same data directory as the CLI and browser mode (src-main/store/data-dir.ts), so saved
 * nodes and the app's known_hosts are one set whichever way the app is started; not
 * app.getPath('userData'), which Electron names after the product and keeps elsewhere
 * (docs: api/app.md, app.getPath). Chromium's own profile stays in userData.
 */
export function electronDataDir(env: NodeJS.ProcessEnv): string {
  return defaultDataDir(env);
}

/**
 * Chromium's profile (cache, storage, the single-instance lock) inside the app's data
 * directory, not mixed into it: in a development run Electron would name userData after the
 * package ("kubelet-studio"), the very folder the CLI uses. One data directory, one running
 * app: the single-instance lock lives in userData (docs: api/app.md, app.setPath — "before the
 * ready event"; app.requestSingleInstanceLock), so an app on another KUBELET_STUDIO_DATA_DIR
 * is another instance.
 */
export function chromiumProfileDir(dataDir: string): string {
  return path.join(dataDir, 'electron');
}

/** Where the build puts the preload, next to the main bundle's out/main. */
export function preloadPath(mainBundleDir: string): string {
  return path.join(mainBundleDir, '..', 'preload', 'preload.cjs');
}

export class MissingPreloadError extends Error {}

/**
 * The window's options (docs/security.md "Electron"): sandboxed, context-isolated, no Node, no
 * <webview>. A missing preload would leave a window that cannot reach its core, so it stops the
 * start-up with its own message instead.
 */
export function mainWindowOptions(facts: { preload: string; exists(file: string): boolean; dark: boolean }) {
  if (!facts.exists(facts.preload)) {
    throw new MissingPreloadError(
      `The window's preload script is missing (${facts.preload}), so the window could not reach the app's core. ` +
        'This build is incomplete: reinstall Kubelet Studio, or in a development checkout run npm run build.',
    );
  }
  return {
    width: 1400,
    height: 900,
    minWidth: 720,
    minHeight: 480,
    title: 'Kubelet Studio',
    show: false,
    backgroundColor: facts.dark ? '#16181d' : '#ffffff',
    webPreferences: {
      preload: facts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** What the start-up error dialog says (dialog.showErrorBox(title, content)). */
export function startupErrorDialog(error: unknown): { title: string; content: string } {
  const title = 'Kubelet Studio could not start';
  if (error instanceof ContractError) {
    return { title, content: error.hint ? `${error.message}\n\n${error.hint}` : error.message };
  }
  if (error instanceof Error) return { title, content: error.message || error.name };
  return { title, content: String(error) };
}

export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** 'second-instance': the first window comes forward, restored if it was minimised. */
export function bringToFront(window: FocusableWindow | undefined): boolean {
  if (!window || window.isDestroyed()) return false;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return true;
}

const GONE_REASONS: Record<string, string> = {
  'abnormal-exit': 'exited abnormally',
  killed: 'was killed',
  crashed: 'crashed',
  oom: 'ran out of memory',
  'launch-failed': 'could not be started',
  'integrity-failure': 'failed a code integrity check',
  'memory-eviction': 'was evicted to free memory',
};

/**
 * 'render-process-gone' (docs: api/web-contents.md; reasons from RenderProcessGoneDetails):
 * the page and its contract session are gone (document-sessions.ts ends it); the user is asked
 * to reload or quit rather than left with a blank window. A clean exit asks nothing.
 */
export function rendererGonePrompt(details: { reason: string; exitCode: number }) {
  if (details.reason === 'clean-exit') return null;
  const what = GONE_REASONS[details.reason] ?? `stopped (${details.reason})`;
  return {
    type: 'error' as const,
    buttons: ['Reload', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
    title: 'Kubelet Studio',
    message: `The window's page ${what}.`,
    detail:
      `Exit code ${details.exitCode}. Reload to start the page again: connected nodes stay connected, ` +
      'open panes, streams and terminals start afresh.',
  };
}
