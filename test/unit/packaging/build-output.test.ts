import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGED_FUSES } from '../../../src-main/hosts/electron/fuses';
import { sandboxRuntime, unpackedBundleDir } from '../../../src-main/hosts/sandbox-runtime';
import { repoRoot } from '../../support/serve-process';

// Checks over the build output (out/), which is what electron-builder packs (electron-builder.yml
// `files`). Vitest's global setup builds out/main and out/preload; out/renderer comes from
// `npm install` / `npm run build` (npm test builds first).
const out = (...parts: string[]) => path.join(repoRoot, 'out', ...parts);
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const builderConfig = parse(fs.readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as {
  files: string[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
};

/** Every module a CommonJS bundle requires; a require of anything but a string literal fails. */
function requiredModules(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const match of text.matchAll(/\brequire\s*\(\s*(?:"([^"]+)"|'([^']+)'|(.{0,40}))/g)) {
    const name = match[1] ?? match[2];
    if (name === undefined)
      throw new Error(`${file}: a require() the check cannot follow: require(${match[3]}`);
    found.add(name);
  }
  return [...found].sort();
}

/** The package a module specifier names: `@scope/name` or `name`, without a subpath. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const isBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier));

describe('build output (what the packaged app runs)', () => {
  it("package.json's main is the built Electron main bundle, and the preload is beside it", () => {
    expect(fs.existsSync(path.join(repoRoot, manifest.main))).toBe(true);
    expect(fs.existsSync(out('preload', 'preload.cjs'))).toBe(true);
  });

  it('the preload requires only electron (a sandboxed preload can require nothing else)', () => {
    // Electron docs, tutorial/sandbox.md "Preload scripts": a sandboxed preload gets a
    // polyfilled require with a few Electron and Node modules; the app bundles everything else.
    expect(requiredModules(out('preload', 'preload.cjs'))).toEqual(['electron']);
  });

  it('every module the main bundle requires is a Node builtin, electron, or a production dependency', () => {
    const required = requiredModules(out('main', 'electron-main.cjs'));
    const notShipped = required.filter(
      (specifier) =>
        !isBuiltin(specifier) && specifier !== 'electron' && !(packageOf(specifier) in manifest.dependencies),
    );
    expect(notShipped).toEqual([]);
    // The check sees what it should: the core's real dependencies, lazily node-pty.
    expect(required).toEqual(expect.arrayContaining(['electron', 'ssh2', 'zod', 'node-pty']));
  });

  it('electron is a devDependency only (electron-builder supplies the runtime)', () => {
    expect(manifest.devDependencies).toHaveProperty('electron');
    expect(manifest.dependencies).not.toHaveProperty('electron');
  });

  it('index.html runs no inline script: every script is a file of the build', () => {
    const html = fs.readFileSync(out('renderer', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body!.trim(), 'inline script body').toBe('');
      const src = attributes!.match(/\bsrc\s*=\s*["']([^"']+)["']/)?.[1];
      expect(src, 'script without src').toBeDefined();
      expect(src).toMatch(/^\.?\/assets\//);
      expect(fs.existsSync(out('renderer', src!))).toBe(true);
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handlers
    expect(html).not.toMatch(/javascript:/i);
  });
});

describe('fuses and the Sandbox node runtime agree', () => {
  it('the fuses the code assumes are the fuses electron-builder sets', () => {
    expect(builderConfig.electronFuses.runAsNode).toBe(PACKAGED_FUSES.runAsNode);
  });

  it('with those fuses, a packaged build never runs the app binary as node', () => {
    const resources = '/opt/Kubelet Studio/resources';
    const base = {
      electron: true,
      packaged: true,
      execPath: '/opt/Kubelet Studio/kubelet-studio',
      resourcesPath: resources,
      runAsNodeFuse: builderConfig.electronFuses.runAsNode!,
      projectBundleDir: `${resources}/app.asar/out/sandbox`,
      exists: (file: string) => file.startsWith(unpackedBundleDir(resources)),
    };
    for (const nodeBinary of [undefined, '/usr/bin/node', base.execPath]) {
      const runtime = sandboxRuntime({ ...base, nodeBinary });
      if (runtime.kind === 'node') {
        expect(runtime.command).not.toBe(base.execPath);
        expect(runtime.env).not.toHaveProperty('ELECTRON_RUN_AS_NODE');
      }
    }
  });

  it('the bundles the runtime looks for are packed, and unpacked from app.asar where it looks', () => {
    const bundles = fs.readdirSync(out('sandbox')).filter((file) => file.endsWith('.cjs'));
    expect(bundles).toEqual(
      expect.arrayContaining(['kubelet.cjs', 'crictl.cjs', 'kubectl.cjs', 'journalctl.cjs']),
    );
    // unpackedBundleDir is <resources>/app.asar.unpacked/out/sandbox: the same relative path.
    expect(path.relative(path.join('/r', 'app.asar.unpacked'), unpackedBundleDir('/r'))).toBe(
      path.join('out', 'sandbox'),
    );
    for (const bundle of bundles) {
      const inApp = `out/sandbox/${bundle}`;
      expect(
        builderConfig.files.some((pattern) => minimatch(inApp, pattern)),
        `${inApp} packed`,
      ).toBe(true);
      expect(
        builderConfig.asarUnpack.some((pattern) => minimatch(inApp, pattern)),
        `${inApp} unpacked`,
      ).toBe(true);
    }
  });
});
