/**
 * Whether a URL is one of the app's own pages, app://kubelet-studio/…, decided from the parsed
 * scheme and host. Not from `URL.origin`: in Node (Electron's main process) `app:` is not a
 * special scheme, so `new URL('app://kubelet-studio/').origin` is the opaque origin "null"
 * (WHATWG URL Standard, "origin": only special schemes have a tuple origin), whatever the
 * renderer's Chromium thinks of the scheme.
 */
import { APP_HOST, APP_SCHEME } from './ipc-channel';

export function isAppUrl(raw: string | undefined): boolean {
  if (!raw) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  // `host` includes a port; credentials have no place in the app's own URLs either.
  return (
    url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === ''
  );
}
