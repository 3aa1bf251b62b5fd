/** The app version, injected by the build (esbuild `define`) and read from package.json in dev. */
declare const __KUBELET_STUDIO_VERSION__: string | undefined;

export function appVersion(): string {
  return typeof __KUBELET_STUDIO_VERSION__ === 'string' ? __KUBELET_STUDIO_VERSION__ : '0.0.0-dev';
}
