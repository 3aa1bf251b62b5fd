import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, SANDBOX_NODE_ID } from '../../../src-main/core/create-core';
import { initialiseSandboxRoot } from '../../../src-main/sandbox/local/sandbox-node';
import { simPaths } from '../../../src-main/sandbox/paths';
import { SavedNodes } from '../../../src-main/store/saved-nodes';
import { ensurePrivateDir } from '../../../src-main/store/data-dir';

// The data directory holds the host keys the user trusted and the browser mode's launch page:
// private (0700, files 0600) whichever part of the app creates it first. The umask is the
// usual 022, so only an explicit mode makes a new directory private.
let parent: string;
let dataDir: string;
let umask: number;

beforeEach(() => {
  umask = process.umask(0o022);
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-data-dir-'));
  dataDir = path.join(parent, 'config', 'kubelet-studio');
});

afterEach(() => {
  process.umask(umask);
  fs.rmSync(parent, { recursive: true, force: true });
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('a fresh data directory is private', () => {
  it('created by the Sandbox node first', () => {
    initialiseSandboxRoot(simPaths(path.join(dataDir, 'sandbox-node')), false);
    expect(mode(dataDir).toString(8)).toBe('700');
    expect(mode(path.join(dataDir, 'sandbox-node')).toString(8)).toBe('700');
  });

  it('created by the store first: the directory 0700, nodes.json 0600', async () => {
    await new SavedNodes(dataDir).add({ id: 'n1', name: 'n1', target: 'root@n1', addedAt: '2025-01-01' });
    expect(mode(dataDir).toString(8)).toBe('700');
    expect(mode(path.join(dataDir, 'nodes.json')).toString(8)).toBe('600');
  });

  it('created by the core before its Sandbox node connects', async () => {
    const core = await createCore({ host: 'cli', dataDir });
    try {
      expect(mode(dataDir).toString(8)).toBe('700');
      expect(core.handlers['nodes.list']).toBeTypeOf('function');
      expect(SANDBOX_NODE_ID).toBe('sandbox');
    } finally {
      await core.dispose();
    }
  });

  it('one left 0755 by an earlier version is narrowed to 0700', async () => {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    await ensurePrivateDir(dataDir);
    expect(mode(dataDir).toString(8)).toBe('700');
  });
});
