/**
 * The browser mode's session handshake, shared by the server (src-main/hosts/web) and the
 * page (src-renderer/api). No cookie: cookies are not separated by port, so any server on
 * 127.0.0.1 would receive one. The page presents a credential as a WebSocket subprotocol, as
 * the Kubernetes API server takes bearer tokens from browsers (`base64url.bearer.authorization.
 * k8s.io.<token>`, staging/src/k8s.io/apiserver/pkg/authentication/request/websocket/protocol.go):
 *
 * - the launch token from the link's fragment (`#token=…`), which works once;
 * - afterwards, the resume secret the server sent over the WebSocket right after the upgrade;
 *   the page keeps it in sessionStorage (per tab and per origin, port included), so a reload of
 *   the same tab reconnects. Each resume secret works once and is replaced on every connection.
 *
 * The threat model is in docs/security.md "Browser mode".
 */

/** The subprotocol the server selects; offered with one credential below. */
export const BROWSER_PROTOCOL = 'kubelet-studio';
export const LAUNCH_PROTOCOL_PREFIX = 'kubelet-studio.launch.';
export const RESUME_PROTOCOL_PREFIX = 'kubelet-studio.resume.';

/** The launch link carries its token in the fragment, which no browser sends to any server. */
export const LAUNCH_FRAGMENT_KEY = 'token';

/** The server's first message on a new connection: the secret for this tab's next connection. */
export interface BrowserSessionMessage {
  type: 'browser-session';
  resume: string;
}

export function isBrowserSessionMessage(message: unknown): message is BrowserSessionMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'browser-session' &&
    typeof (message as { resume?: unknown }).resume === 'string'
  );
}

/** The close code of a connection whose tab connected again (its secret was presented). */
export const CLOSE_TAKEN_OVER = 4001;

/** A credential's characters: base64url, which is valid in a subprotocol name (RFC 6455 §4.1). */
export const CREDENTIAL_PATTERN = /^[A-Za-z0-9_-]{43,128}$/;
