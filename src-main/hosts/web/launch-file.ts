/**
 * How `serve` opens the browser without the launch token in any process's argv (which every
 * local user can read in /proc): the token goes into a page only the user can read (0600 in the
 * 0700 data directory), and the browser is started on that file. The page sends the browser on
 * to the launch link at once; the link keeps the token in its fragment, which the browser never
 * sends to a server. The file is removed as soon as the token is used, and when `serve` stops.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensurePrivateDir } from '../../store/data-dir';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function launchPage(url: string): string {
  const href = escapeHtml(url);
  return [
    '<!doctype html>',
    '<meta charset="utf-8">',
    '<meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="0;url=${href}">`,
    '<title>Kubelet Studio</title>',
    `<p>Opening Kubelet Studio… If nothing happens, <a href="${href}">continue</a>.</p>`,
    '',
  ].join('\n');
}

export interface LaunchFile {
  path: string;
  /** The `file://` URL to hand to the browser opener. */
  fileUrl: string;
  remove(): Promise<void>;
}

/** Writes the launch page for `url` as `<dataDir>/browser-launch-<port>.html`, mode 0600. */
export async function writeLaunchFile(dataDir: string, port: number, url: string): Promise<LaunchFile> {
  await ensurePrivateDir(dataDir);
  const file = path.join(dataDir, `browser-launch-${port}.html`);
  const temp = `${file}.${process.pid}.tmp`;
  await fs.rm(temp, { force: true });
  // 'wx': never write through a file or link that someone placed there.
  await fs.writeFile(temp, launchPage(url), { mode: 0o600, flag: 'wx' });
  await fs.rename(temp, file);
  return {
    path: file,
    fileUrl: pathToFileURL(file).href,
    remove: () => fs.rm(file, { force: true }),
  };
}
