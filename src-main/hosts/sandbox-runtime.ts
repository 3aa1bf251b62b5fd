/**
 * How the Sandbox node's programs (the simulated kubelet, crictl, kubectl, journalctl: bundled
 * .cjs files) are run, decided from the facts of this process. Under Node (the CLI, browser
 * mode) they run with the same `node`. Under Electron, `process.execPath` is the app itself: it
 * runs a script as Node only when its runAsNode fuse is on (ELECTRON_RUN_AS_NODE is ignored
 * otherwise: docs https://www.electronjs.org/docs/latest/tutorial/fuses, "runAsNode"), and a
 * packaged build turns that fuse off (electron-builder.yml), so started with a script it would
 * open a second copy of the app. A packaged build therefore needs a real `node`, and the bundles
 * outside app.asar, which Node cannot read (asarUnpack in electron-builder.yml); when either is
 * missing the Sandbox node says it is not available in this build, and why.
 */
import path from 'node:path';

export interface SandboxRuntimeFacts {
  /** Running in Electron's main process (process.versions.electron is set). */
  electron: boolean;
  /** app.isPackaged. */
  packaged: boolean;
  execPath: string;
  /** process.resourcesPath, where a packaged build keeps app.asar and app.asar.unpacked. */
  resourcesPath: string | undefined;
  /** Whether this Electron binary honours ELECTRON_RUN_AS_NODE (the runAsNode fuse). */
  runAsNodeFuse: boolean;
  /** out/sandbox of the project (development and the Node hosts). */
  projectBundleDir: string;
  /** A real Node.js binary found for this process (findNodeBinary), if any. */
  nodeBinary: string | undefined;
  exists(file: string): boolean;
}

export type SandboxRuntime =
  | { kind: 'node'; command: string; env: Record<string, string>; bundleDir: string }
  | { kind: 'unavailable'; reason: string; hint: string };

const NOT_IN_THIS_BUILD = 'The Sandbox node is not available in this build';

/** Where a packaged build's unpacked bundles are (electron-builder: asarUnpack). */
export function unpackedBundleDir(resourcesPath: string): string {
  return path.join(resourcesPath, 'app.asar.unpacked', 'out', 'sandbox');
}

export function sandboxRuntime(facts: SandboxRuntimeFacts): SandboxRuntime {
  if (!facts.electron) {
    return { kind: 'node', command: facts.execPath, env: {}, bundleDir: facts.projectBundleDir };
  }
  const bundleDir =
    facts.packaged && facts.resourcesPath ? unpackedBundleDir(facts.resourcesPath) : facts.projectBundleDir;
  if (!facts.exists(path.join(bundleDir, 'kubelet.cjs'))) {
    return facts.packaged
      ? {
          kind: 'unavailable',
          reason: `${NOT_IN_THIS_BUILD}: its programs are not unpacked from app.asar (${bundleDir} has no kubelet.cjs), and Node.js cannot run them from inside the archive.`,
          hint: 'Use a build whose electron-builder.yml lists out/sandbox/** under asarUnpack.',
        }
      : {
          kind: 'unavailable',
          reason: `The sandbox node's programs are not built (${bundleDir} has no kubelet.cjs).`,
          hint: 'Run npm run build, then connect again.',
        };
  }
  const node = facts.nodeBinary;
  if (node && !samePath(node, facts.execPath)) return { kind: 'node', command: node, env: {}, bundleDir };
  if (facts.runAsNodeFuse) {
    return { kind: 'node', command: facts.execPath, env: { ELECTRON_RUN_AS_NODE: '1' }, bundleDir };
  }
  return {
    kind: 'unavailable',
    reason: `${NOT_IN_THIS_BUILD}: it runs its simulated kubelet and tools with Node.js, none was found (no node on PATH, KUBELET_STUDIO_NODE not set), and this app cannot run them itself.`,
    hint: 'Install Node.js 20 or newer (or set KUBELET_STUDIO_NODE to a node binary), restart Kubelet Studio and connect again.',
  };
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

/**
 * A real `node`: KUBELET_STUDIO_NODE if it names an executable (`npm start` sets it to the Node
 * that runs npm), else the first `node` on PATH. `isExecutable` resolves symlinks, so a `node`
 * that is really the app's own binary is not taken for Node.
 */
export function findNodeBinary(
  env: NodeJS.ProcessEnv,
  ownBinary: string,
  realpathIfExecutable: (file: string) => string | undefined,
): string | undefined {
  const candidates = [
    ...(env.KUBELET_STUDIO_NODE ? [env.KUBELET_STUDIO_NODE] : []),
    ...(env.PATH ?? '')
      .split(path.delimiter)
      .filter((dir) => path.isAbsolute(dir))
      .map((dir) => path.join(dir, process.platform === 'win32' ? 'node.exe' : 'node')),
  ];
  const own = realpathIfExecutable(ownBinary) ?? path.resolve(ownBinary);
  for (const candidate of candidates) {
    const real = realpathIfExecutable(candidate);
    if (real && real !== own) return candidate;
  }
  return undefined;
}
