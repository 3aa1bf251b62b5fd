import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keygenListLine, sha256Fingerprint } from '../../../src-main/ssh/fingerprint.js';

// Every key type ssh-keygen can make here, compared with ssh-keygen's own output.
const KEYS: Array<[string, string[]]> = [
  ['ed25519', ['-t', 'ed25519']],
  ['ecdsa256', ['-t', 'ecdsa', '-b', '256']],
  ['ecdsa384', ['-t', 'ecdsa', '-b', '384']],
  ['ecdsa521', ['-t', 'ecdsa', '-b', '521']],
  ['rsa2048', ['-t', 'rsa', '-b', '2048']],
  ['rsa3072', ['-t', 'rsa', '-b', '3072']],
];

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ks-fp-'));
  for (const [name, args] of KEYS) {
    execFileSync('ssh-keygen', [...args, '-N', '', '-C', `c-${name}`, '-q', '-f', join(dir, name)]);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function blobOf(pubFile: string): Buffer {
  const b64 = readFileSync(pubFile, 'utf8').split(' ')[1] ?? '';
  return Buffer.from(b64, 'base64');
}

describe('fingerprints', () => {
  for (const [name] of KEYS) {
    it(`${name}: sha256Fingerprint and the list line equal ssh-keygen -lf`, () => {
      const pub = join(dir, `${name}.pub`);
      const expected = execFileSync('ssh-keygen', ['-lf', pub], { encoding: 'utf8' }).trim();
      const blob = blobOf(pub);
      expect(sha256Fingerprint(blob)).toBe(expected.split(' ')[1]);
      expect(keygenListLine(blob, `c-${name}`)).toBe(expected);
    });
  }

  it('has no base64 padding', () => {
    expect(sha256Fingerprint(Buffer.from('x'))).not.toMatch(/=$/);
    expect(sha256Fingerprint(Buffer.from('x'))).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});
