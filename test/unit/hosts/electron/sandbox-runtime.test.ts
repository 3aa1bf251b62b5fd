import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxBuiltIn } from '../../../../src-main/core/sandbox-builtin';
import {
  findNodeBinary,
  sandboxRuntime,
  unpackedBundleDir,
  type SandboxRuntimeFacts,
} from '../../../../src-main/hosts/sandbox-runtime';
import { startSandboxNode } from '../../../../src-main/sandbox/local/sandbox-node';
import { processesRunning } from './processes';

// Facts as a packaged Linux build sees them (electron-builder's deb installs under
// /opt/<productName>, the AppImage mounts under /tmp/.mount_*), and as `npm start` sees them.
const DEB_EXEC = '/opt/Kubelet Studio/kubelet-studio';
const DEB_RESOURCES = '/opt/Kubelet Studio/resources';
const DEB_BUNDLES = '/opt/Kubelet Studio/resources/app.asar.unpacked/out/sandbox';

function facts(overrides: Partial<SandboxRuntimeFacts>): SandboxRuntimeFacts {
  return {
    electron: true,
    packaged: true,
    execPath: DEB_EXEC,
    resourcesPath: DEB_RESOURCES,
    runAsNodeFuse: false,
    projectBundleDir: '/opt/Kubelet Studio/resources/app.asar/out/sandbox',
    nodeBinary: '/usr/bin/node',
    exists: (file) => file.startsWith(DEB_BUNDLES),
    ...overrides,
  };
}

describe('sandboxRuntime: a packaged build (runAsNode fuse off)', () => {
  it('runs the unpacked bundles with a real node', () => {
    expect(sandboxRuntime(facts({}))).toEqual({
      kind: 'node',
      command: '/usr/bin/node',
      env: {},
      bundleDir: DEB_BUNDLES,
    });
  });

  it('is not available without a real node, and never runs the app binary as node', () => {
    const runtime = sandboxRuntime(facts({ nodeBinary: undefined }));
    expect(runtime.kind).toBe('unavailable');
    if (runtime.kind === 'unavailable') {
      expect(runtime.reason).toMatch(/not available in this build.*Node\.js/);
      expect(runtime.hint).toMatch(/Install Node\.js/);
    }
    // A "node" that is the app itself (KUBELET_STUDIO_NODE pointed at it) is no node.
    expect(sandboxRuntime(facts({ nodeBinary: DEB_EXEC })).kind).toBe('unavailable');
  });

  it('is not available when the bundles sit inside app.asar', () => {
    const runtime = sandboxRuntime(facts({ exists: () => false }));
    expect(runtime).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/app\.asar/) });
  });

  it('an AppImage finds its bundles under its own resources', () => {
    const resources = '/tmp/.mount_KubeleXq3Zt1/resources';
    const runtime = sandboxRuntime(
      facts({
        execPath: '/tmp/.mount_KubeleXq3Zt1/kubelet-studio',
        resourcesPath: resources,
        exists: (file) => file.startsWith(unpackedBundleDir(resources)),
      }),
    );
    expect(runtime).toMatchObject({ kind: 'node', bundleDir: `${resources}/app.asar.unpacked/out/sandbox` });
  });
});

describe('sandboxRuntime: development and Node hosts', () => {
  const project = '/home/dev/kubelet-studio/out/sandbox';
  const dev = (overrides: Partial<SandboxRuntimeFacts>) =>
    facts({
      packaged: false,
      execPath: '/home/dev/kubelet-studio/node_modules/electron/dist/electron',
      resourcesPath: '/home/dev/kubelet-studio/node_modules/electron/dist/resources',
      runAsNodeFuse: true,
      projectBundleDir: project,
      exists: (file) => file.startsWith(project),
      ...overrides,
    });

  it('npm start passes its node: that node runs the bundles from out/sandbox', () => {
    expect(sandboxRuntime(dev({ nodeBinary: '/usr/bin/node' }))).toEqual({
      kind: 'node',
      command: '/usr/bin/node',
      env: {},
      bundleDir: project,
    });
  });

  it('without a node, the stock Electron binary (fuse on) runs them as Node', () => {
    expect(sandboxRuntime(dev({ nodeBinary: undefined }))).toEqual({
      kind: 'node',
      command: '/home/dev/kubelet-studio/node_modules/electron/dist/electron',
      env: { ELECTRON_RUN_AS_NODE: '1' },
      bundleDir: project,
    });
  });

  it('says to build when out/sandbox is empty', () => {
    expect(sandboxRuntime(dev({ exists: () => false }))).toMatchObject({
      kind: 'unavailable',
      hint: expect.stringMatching(/npm run build/),
    });
  });

  it('the CLI and browser mode run them with their own node', () => {
    expect(
      sandboxRuntime(
        facts({ electron: false, packaged: false, execPath: '/usr/bin/node', projectBundleDir: project }),
      ),
    ).toEqual({ kind: 'node', command: '/usr/bin/node', env: {}, bundleDir: project });
  });
});

describe('findNodeBinary', () => {
  const executables: Record<string, string> = {
    '/usr/local/bin/node': '/usr/local/lib/nodejs/bin/node',
    '/usr/bin/node': '/usr/bin/node',
    '/opt/Kubelet Studio/kubelet-studio': '/opt/Kubelet Studio/kubelet-studio',
    '/home/u/bin/node': '/opt/Kubelet Studio/kubelet-studio',
  };
  const realpath = (file: string) => executables[file];

  it('takes KUBELET_STUDIO_NODE first, then the first node on PATH', () => {
    expect(
      findNodeBinary({ KUBELET_STUDIO_NODE: '/usr/bin/node', PATH: '/usr/local/bin' }, DEB_EXEC, realpath),
    ).toBe('/usr/bin/node');
    expect(findNodeBinary({ PATH: '/nowhere:/usr/local/bin:/usr/bin' }, DEB_EXEC, realpath)).toBe(
      '/usr/local/bin/node',
    );
  });

  it('skips a node that is the app itself, relative PATH entries, and missing files', () => {
    expect(findNodeBinary({ PATH: '/home/u/bin:bin:/usr/bin' }, DEB_EXEC, realpath)).toBe('/usr/bin/node');
    expect(
      findNodeBinary({ KUBELET_STUDIO_NODE: DEB_EXEC, PATH: '/home/u/bin' }, DEB_EXEC, realpath),
    ).toBeUndefined();
    expect(findNodeBinary({}, DEB_EXEC, realpath)).toBeUndefined();
  });
});

describe('the Sandbox node with these decisions (real processes)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-sandbox-runtime-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('connecting where it is unavailable fails with the reason and what to do', async () => {
    const builtIn = sandboxBuiltIn({
      root: path.join(tmp, 'unavailable'),
      bundleDir: '',
      unavailable: {
        reason: 'The Sandbox node is not available in this build: …',
        hint: 'Install Node.js …',
      },
    });
    await expect(builtIn.connector.connect({} as never)).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/not available in this build/),
      hint: 'Install Node.js …',
    });
  });

  it('a kubelet that does not come up in time is killed, not left behind', async () => {
    const bundleDir = path.join(tmp, 'bundles');
    fs.mkdirSync(bundleDir);
    // Starts and never publishes its state.
    fs.writeFileSync(path.join(bundleDir, 'kubelet.cjs'), 'setInterval(() => {}, 1000);');
    await expect(
      startSandboxNode({
        root: path.join(tmp, 'root'),
        bundleDir,
        node: { command: process.execPath, env: {} },
        startTimeoutMs: 1000,
      }),
    ).rejects.toMatchObject({ code: 'timeout', message: expect.stringMatching(/so it was stopped/) });
    expect(processesRunning(path.join(bundleDir, 'kubelet.cjs'))).toEqual([]);
  });
});
