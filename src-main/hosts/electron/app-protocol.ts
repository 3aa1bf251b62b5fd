/**
 * Serves the renderer from `app://kubelet-studio/` instead of file:// (docs/security.md
 * "Electron"): a real origin for the IPC sender check, no file-protocol privileges, and the
 * Content-Security-Policy on every response (app-request.ts decides each answer).
 */
import { protocol } from 'electron';
import { respondToAppRequest } from './app-request';
import { APP_SCHEME } from './ipc-channel';

/**
 * Must run before the app is ready (docs: api/protocol.md, registerSchemesAsPrivileged).
 * `standard` gives the scheme a host and relative URLs; `secure` makes it a secure context
 * (the clipboard API needs one).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRendererFrom(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => respondToAppRequest(request, rendererDir));
}
