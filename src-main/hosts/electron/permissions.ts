/**
 * Which web permissions the window gets: the clipboard, for the app's own main frame only (the
 * terminal's and the logs' copy and paste use navigator.clipboard), and nothing else. Electron
 * asks two handlers, and both must answer (docs: api/session.md, setPermissionRequestHandler
 * and setPermissionCheckHandler: "Most web APIs do a permission check and then make a
 * permission request if the check is denied"). Its names for the clipboard are
 * 'clipboard-read' (navigator.clipboard.readText) and 'clipboard-sanitized-write'
 * (navigator.clipboard.writeText); 'deprecated-sync-clipboard-read' (document.execCommand
 * paste) stays denied.
 */
import { isAppUrl } from './app-url';

const CLIPBOARD_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-read', 'clipboard-sanitized-write']);

export interface PermissionAsk {
  permission: string;
  /** details.requestingUrl; for a check, the requesting origin when no URL is given. */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
}

export function allowPermission(ask: PermissionAsk): boolean {
  return CLIPBOARD_PERMISSIONS.has(ask.permission) && ask.isMainFrame && isAppUrl(ask.requestingUrl);
}
