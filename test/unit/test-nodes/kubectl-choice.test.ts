/**
 * Which kubectl the test nodes get (test/nodes/kubectl-choice.ts): a real binary found on PATH
 * (by its real path, with its version), the simulated one when asked or when none is found or it
 * does not run, an explicit path that does not run is an error; versioned copies beside it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { chooseKubectl, describeKubectl, versionedKubectl } from '../../nodes/kubectl-choice';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-kubectl-choice-'));
const savedPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = savedPath;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A stand-in kubectl that answers `version --client -o json` like a real one. */
function fakeKubectl(at: string, gitVersion: string): string {
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.writeFileSync(at, `#!/bin/sh\necho '{"clientVersion":{"gitVersion":"${gitVersion}"}}'\n`, {
    mode: 0o755,
  });
  return at;
}

describe('chooseKubectl', () => {
  const sdk = path.join(dir, 'sdk/bin');
  const real = fakeKubectl(path.join(sdk, 'kubectl'), 'v1.32.4-dispatcher');
  fakeKubectl(path.join(sdk, 'kubectl.1.27'), 'v1.27.16');
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.symlinkSync(real, path.join(bin, 'kubectl'));

  it('real: the kubectl on PATH, by its real path, with its version', () => {
    process.env.PATH = `${path.join(dir, 'empty')}:${bin}`;
    const choice = chooseKubectl('real');
    expect(choice).toEqual({ kind: 'real', path: real, version: 'v1.32.4-dispatcher' });
    expect(describeKubectl(choice)).toBe(`test nodes: real kubectl v1.32.4-dispatcher (${real})`);
    expect(versionedKubectl('1.27')).toBe(path.join(sdk, 'kubectl.1.27'));
    expect(versionedKubectl('1.99')).toBeNull();
  });

  it('simulated when asked, or when PATH has none', () => {
    expect(chooseKubectl('simulated')).toEqual({ kind: 'simulated', reason: 'asked for' });
    process.env.PATH = path.join(dir, 'empty');
    expect(chooseKubectl('real')).toEqual({ kind: 'simulated', reason: 'no kubectl on PATH' });
    expect(versionedKubectl('1.27')).toBeNull();
  });

  it('a found kubectl that does not run falls back; an explicit one that does not run is an error', () => {
    const broken = path.join(dir, 'broken');
    fs.mkdirSync(broken);
    fs.writeFileSync(path.join(broken, 'kubectl'), '#!/bin/sh\nexit 3\n', { mode: 0o755 });
    process.env.PATH = broken;
    expect(chooseKubectl('real')).toMatchObject({ kind: 'simulated' });
    expect(() => chooseKubectl(path.join(broken, 'kubectl'))).toThrow(/cannot run/);
    expect(chooseKubectl(path.join(sdk, 'kubectl.1.27'))).toEqual({
      kind: 'real',
      path: path.join(sdk, 'kubectl.1.27'),
      version: 'v1.27.16',
    });
  });
});
