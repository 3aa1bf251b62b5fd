/**
 * One Content-Security-Policy for the Electron window and the browser mode (docs/security.md
 * "Electron"): no inline or eval'd script, nothing loaded from elsewhere, WebSocket only to
 * ourselves. Styles allow 'unsafe-inline' because CodeMirror and xterm.js set element styles.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
