/** The single IPC channel between the preload and main: it carries contract protocol messages. */
export const IPC_CHANNEL = 'kubelet-studio:contract';

/** The origin the renderer is served from (a custom protocol, never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kubelet-studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
