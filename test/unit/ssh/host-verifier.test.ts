// The verifier ssh2 calls during key exchange, without a network: known, unknown (asked,
// recorded), declined, changed and revoked (refused without asking), and ProxyCommand refusal.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshConnection } from '../../../src-main/ssh/connection.js';
import type { HostKeyError } from '../../../src-main/ssh/errors.js';
import { sha256Fingerprint } from '../../../src-main/ssh/fingerprint.js';
import { makeHostVerifier, type HostKeyPrompt } from '../../../src-main/ssh/host-verifier.js';

let dir = '';
let key = '';
let other = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ks-hv-'));
  for (const n of ['k', 'o'])
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, n)]);
  key = readFileSync(join(dir, 'k.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  other = readFileSync(join(dir, 'o.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const blob = (k: string): Buffer => Buffer.from(k.split(' ')[1] ?? '', 'base64');

async function verify(userText: string, answer: boolean, app = join(dir, `app-${Math.random()}`)) {
  const user = join(dir, `user-${Math.random()}`);
  writeFileSync(user, userText);
  const prompts: HostKeyPrompt[] = [];
  let refused: HostKeyError | null = null;
  const v = makeHostVerifier({
    host: 'node1',
    port: 2222,
    hop: 0,
    knownHosts: { userFiles: [user], systemFiles: [], appFile: app },
    onHostKeyPrompt: async (p) => (prompts.push(p), answer),
    onRefused: (e) => (refused = e),
  });
  const ok = await new Promise<boolean>((resolve) => v(blob(key), resolve));
  return { ok, prompts, refused: refused as HostKeyError | null, app };
}

describe('makeHostVerifier', () => {
  it('known: accepted without asking', async () => {
    const r = await verify(`[node1]:2222 ${key}\n`, false);
    expect([r.ok, r.prompts.length, r.refused]).toEqual([true, 0, null]);
  });

  it('unknown: asks with the fingerprint, records the key in the app file only when accepted', async () => {
    const r = await verify('', true);
    expect(r.ok).toBe(true);
    expect(r.prompts[0]?.fingerprint).toBe(sha256Fingerprint(blob(key)));
    expect(r.prompts[0]?.keygenLine).toMatch(/^256 SHA256:\S+ \[node1\]:2222 \(ED25519\)$/);
    expect(readFileSync(r.app, 'utf8')).toBe(`[node1]:2222 ${key}\n`);
    const d = await verify('', false);
    expect([d.ok, d.refused?.verdict]).toEqual([false, 'declined']);
    expect(() => readFileSync(d.app)).toThrow();
  });

  it('changed: refused without asking, both fingerprints and the fix in the message', async () => {
    const r = await verify(`[node1]:2222 ${other}\n`, true);
    expect([r.ok, r.prompts.length, r.refused?.verdict]).toEqual([false, 0, 'changed']);
    expect(r.refused?.message).toContain(sha256Fingerprint(blob(key)));
    expect(r.refused?.message).toContain(sha256Fingerprint(blob(other)));
    expect(r.refused?.message).toContain("ssh-keygen -R '[node1]:2222'");
  });

  it('revoked: refused without asking', async () => {
    const r = await verify(`@revoked * ${key}\n[node1]:2222 ${key}\n`, true);
    expect([r.ok, r.prompts.length, r.refused?.verdict]).toEqual([false, 0, 'revoked']);
  });
});

describe('SshConnection', () => {
  it('refuses ProxyCommand before touching the network', async () => {
    const conn = new SshConnection({
      target: {
        alias: 'pc',
        hostName: '127.0.0.1',
        user: 'u',
        port: 1,
        identityFiles: [],
        identityFilesFromConfig: false,
        identitiesOnly: true,
        proxyJump: [],
        proxyCommand: 'nc %h %p',
        forwardAgent: false,
      },
      knownHosts: { userFiles: [], systemFiles: [], appFile: join(dir, 'none') },
      onHostKeyPrompt: async () => false,
      prompts: {},
    });
    await expect(conn.connect()).rejects.toThrow(/ProxyCommand is not supported/);
    expect(conn.state.kind).toBe('idle');
  });
});
