/**
 * Guards every webContents the app creates (docs/security.md "Electron"): no navigation away from
 * the app, no new windows, no <webview>, permissions denied by both handlers, external links
 * only http(s) and only after the user confirms.
 */
import { app, dialog, shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-url';

export function isExternalHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

async function confirmOpenExternal(contents: WebContents, url: string) {
  if (!isExternalHttpUrl(url)) return;
  const result = await dialog.showMessageBox({
    type: 'question',
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your browser?',
    detail: url,
  });
  if (result.response === 0 && !contents.isDestroyed()) await shell.openExternal(url);
}

export function guardAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void confirmOpenExternal(contents, url);
      return { action: 'deny' };
    });
  });
}
