/**
 * The page's half of the browser mode's session handshake (src-main/contract/browser-session.ts,
 * docs/security.md "Browser mode"): which credential to offer on the WebSocket, and keeping the
 * secret for the next connection of this tab. Nothing here is a cookie: sessionStorage belongs to
 * this tab and this origin (port included), so no other server on 127.0.0.1 ever sees it.
 */
import {
  BROWSER_PROTOCOL,
  CLOSE_TAKEN_OVER,
  CREDENTIAL_PATTERN,
  LAUNCH_FRAGMENT_KEY,
  LAUNCH_PROTOCOL_PREFIX,
  RESUME_PROTOCOL_PREFIX,
  isBrowserSessionMessage,
} from '../../src-main/contract';

const RESUME_KEY = 'kubelet-studio.resume';

/** Read once per page: the link's token leaves the address bar (and history) at once. */
let launchToken: string | null | undefined;

function takeLaunchToken(): string | null {
  if (launchToken !== undefined) return launchToken;
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get(LAUNCH_FRAGMENT_KEY);
  launchToken = token !== null && CREDENTIAL_PATTERN.test(token) ? token : null;
  if (token !== null) history.replaceState(history.state, '', location.pathname + location.search);
  return launchToken;
}

/** The subprotocols to offer: ours, and this tab's one credential if it has one. */
export function sessionProtocols(): string[] {
  const token = takeLaunchToken();
  if (token) return [BROWSER_PROTOCOL, LAUNCH_PROTOCOL_PREFIX + token];
  const resume = sessionStorage.getItem(RESUME_KEY);
  if (resume && CREDENTIAL_PATTERN.test(resume)) return [BROWSER_PROTOCOL, RESUME_PROTOCOL_PREFIX + resume];
  return [BROWSER_PROTOCOL];
}

/** Keeps the server's secret for this tab's next connection; true when `message` was it. */
export function takeSessionMessage(message: unknown): boolean {
  if (!isBrowserSessionMessage(message)) return false;
  sessionStorage.setItem(RESUME_KEY, message.resume);
  launchToken = null;
  return true;
}

/** What the page says when its WebSocket closed: refused, taken over, or the server went away. */
export function lostReason(everOpened: boolean, closeCode: number): string {
  if (!everOpened)
    return (
      'Kubelet Studio has no session for this page: its server stopped, or the link was used already ' +
      '(a link opens one tab, once). Run kubelet-studio open for a new link.'
    );
  if (closeCode === CLOSE_TAKEN_OVER)
    return 'This page connected again in another tab (a duplicated tab), which now has its session.';
  return 'The Kubelet Studio server stopped. Start kubelet-studio serve again and open its new link.';
}
