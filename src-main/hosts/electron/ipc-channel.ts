/** The single IPC channel between the preload and main: it carries contract protocol messages. */
export const IPC_CHANNEL = 'kubelet-studio:contract';

/** The renderer is served from a custom protocol, never file:// (docs/security.md "Electron"). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kubelet-studio';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
