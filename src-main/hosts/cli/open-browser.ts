import { spawn } from 'node:child_process';

/** A browser can be started here: any desktop platform, or Linux with a display. */
export function canOpenBrowser(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * Opens a URL in the user's browser where one can be opened (a desktop session); otherwise
 * says nothing more — the URL line is already on stdout. The URL is in the opener's argv, which
 * any local user can read: never pass a secret here (browser mode passes its launch file).
 */
export function openInBrowser(url: string, warn: (line: string) => void): void {
  if (!canOpenBrowser()) return;
  const opener =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => warn(`Could not start ${opener}; open the URL above in a browser.`));
  child.unref();
}
