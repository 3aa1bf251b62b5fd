/**
 * Node-side shell scripts live as `.sh` files beside the code that runs them and are imported
 * as text: esbuild's text loader in the bundles (scripts/build.mjs), a Vite plugin under
 * vitest (vitest.config.ts), a Node module hook under tsx (scripts/text-imports.mjs).
 */
declare module '*.sh' {
  const script: string;
  export default script;
}
