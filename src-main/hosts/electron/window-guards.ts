/**
 * Wires the window policies to Electron's events for every webContents the app creates
 * (docs/security.md "Electron"): navigation and new windows (navigation-policy.ts), no
 * <webview>, and the permission handlers (permissions.ts). External links are offered in a
 * dialog attached to the window that asked, and opened with shell.openExternal.
 */
import { app, BrowserWindow, dialog, shell, type Session, type WebContents } from 'electron';
import {
  createExternalLinkOffers,
  decideNavigation,
  decideRedirect,
  decideWindowOpen,
  externalLinkPrompt,
} from './navigation-policy';
import { allowPermission } from './permissions';

export function guardPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(
      allowPermission({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }),
    ),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermission({
      permission,
      requestingUrl: details.requestingUrl ?? requestingOrigin,
      isMainFrame: details.isMainFrame,
    }),
  );
}

function offersFor(contents: WebContents) {
  return createExternalLinkOffers({
    async confirm(url) {
      const parent = BrowserWindow.fromWebContents(contents);
      const options = externalLinkPrompt(url);
      const result = parent
        ? await dialog.showMessageBox(parent, options)
        : await dialog.showMessageBox(options);
      return result.response === 0 && !contents.isDestroyed();
    },
    open: (url) => shell.openExternal(url),
  });
}

export function guardAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    const offers = offersFor(contents);
    const offer = (url: string | undefined) => {
      if (url) void offers.offer(url).catch(() => undefined);
    };
    contents.on('will-navigate', (event, url) => {
      const decision = decideNavigation(url);
      if (decision.action === 'deny') {
        event.preventDefault();
        offer(decision.offerExternal);
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (decideRedirect(url).action === 'deny') event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      offer(decideWindowOpen(url).offerExternal);
      return { action: 'deny' };
    });
  });
}
