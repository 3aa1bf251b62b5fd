import { spawn } from 'node:child_process';

/**
 * Opens a URL in the user's browser where one can be opened (a desktop session); otherwise
 * says nothing more — the URL line is already on stdout.
 */
export function openInBrowser(url: string, warn: (line: string) => void): void {
  const hasDesktop =
    process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDesktop) return;
  const opener =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => warn(`Could not start ${opener}; open the URL above in a browser.`));
  child.unref();
}
