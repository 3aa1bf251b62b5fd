import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendKnownHost,
  checkHostKey,
  formatKnownHostLine,
  globMatch,
  loadKnownHosts,
  parseKnownHosts,
  preferredHostKeyAlgorithms,
} from '../../../src-main/ssh/known-hosts/index.js';
import { sha256Fingerprint } from '../../../src-main/ssh/fingerprint.js';
import { corpus, type CorpusKeys } from './known-hosts-corpus.js';

let dir = '';
let keys: CorpusKeys;
const pub = (name: string): string =>
  readFileSync(join(dir, `${name}.pub`), 'utf8')
    .split(' ')
    .slice(0, 2)
    .join(' ');
const blob = (typeAndB64: string): Buffer => Buffer.from(typeAndB64.split(' ')[1] ?? '', 'base64');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ks-kh-'));
  for (const [n, t] of [
    ['sed', 'ed25519'],
    ['srsa', 'rsa'],
    ['oed', 'ed25519'],
    ['orsa', 'rsa'],
  ] as const) {
    execFileSync('ssh-keygen', ['-q', '-t', t, '-N', '', '-f', join(dir, n)]);
  }
  keys = {
    serverEd: pub('sed'),
    serverRsa: pub('srsa'),
    otherEd: pub('oed'),
    otherRsa: pub('orsa'),
    port: 2222,
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('known_hosts corpus (expected verdicts checked against OpenSSH in test/integration)', () => {
  it('every probe gives the expected verdict', () => {
    for (const p of corpus(keys)) {
      const offered = p.offer === 'ssh-ed25519' ? keys.serverEd : keys.serverRsa;
      const sources = [parseKnownHosts(p.user, 'user'), parseKnownHosts(p.system ?? '', 'system')];
      const got = checkHostKey(
        {
          host: p.alias ?? '127.0.0.1',
          port: p.alias ? 22 : keys.port,
          keyType: p.offer,
          keyBlob: blob(offered),
        },
        sources,
      );
      expect({ probe: p.name, verdict: got.verdict }).toEqual({ probe: p.name, verdict: p.expect });
    }
  });
});

describe('checkHostKey details', () => {
  it('reports offered and known fingerprints with file:line for a changed key', () => {
    const text = `# header\n[h1]:2222 ${keys.otherRsa}\n\n[h1]:2222 ${keys.otherEd}\n`;
    const r = checkHostKey({ host: 'h1', port: 2222, keyType: 'ssh-ed25519', keyBlob: blob(keys.serverEd) }, [
      parseKnownHosts(text, '/u/kh'),
    ]);
    expect(r.verdict).toBe('changed');
    expect(r.offeredFingerprint).toBe(sha256Fingerprint(blob(keys.serverEd)));
    expect(r.knownKeys).toEqual([
      { keyType: 'ssh-rsa', fingerprint: sha256Fingerprint(blob(keys.otherRsa)), file: '/u/kh', line: 2 },
      { keyType: 'ssh-ed25519', fingerprint: sha256Fingerprint(blob(keys.otherEd)), file: '/u/kh', line: 4 },
    ]);
  });

  it('looks up port 22 bare and other ports in brackets, case-insensitively', () => {
    const src = [parseKnownHosts(`node ${keys.serverEd}\n[node]:2200 ${keys.otherEd}\n`, 'f')];
    const k = { keyType: 'ssh-ed25519', keyBlob: blob(keys.serverEd) };
    expect(checkHostKey({ host: 'NODE', port: 22, ...k }, src).verdict).toBe('known');
    expect(checkHostKey({ host: 'node', port: 2200, ...k }, src).verdict).toBe('changed');
    expect(checkHostKey({ host: 'node', port: 2201, ...k }, src).verdict).toBe('known'); // bare 'node' fallback
    expect(
      checkHostKey({ host: 'node', port: 2201, keyType: 'ssh-ed25519', keyBlob: blob(keys.otherEd) }, src)
        .verdict,
    ).toBe('unknown');
  });

  it('keeps unknown key types and bad lines in the parse, marked unusable', () => {
    const lines = parseKnownHosts(`h ssh-foo AAAA\n@weird h ${keys.serverEd}\nh ${keys.serverEd}\n`, 'f');
    expect(lines.map((l) => [l.line, l.keyType, l.usable])).toEqual([
      [1, 'ssh-foo', false],
      [2, 'ssh-ed25519', false],
      [3, 'ssh-ed25519', true],
    ]);
  });
});

describe('globMatch', () => {
  it.each([
    ['abc', 'a*c', true],
    ['ac', 'a*c', true],
    ['abc', 'a?c', true],
    ['abbc', 'a?c', false],
    ['x', '*', true],
    ['', '*', true],
    ['abc', '*b', false],
    ['aXbXc', '*b*c', true],
    ['ABC', 'abc', true],
  ])('%s ~ %s = %s', (name, pat, want) => expect(globMatch(name, pat)).toBe(want));
});

describe('appendKnownHost', () => {
  it('writes port 22 bare and other ports bracketed, 0600, never joining a previous line', async () => {
    const f = join(dir, 'app', 'known_hosts');
    const k = { keyType: 'ssh-ed25519', keyBlob: blob(keys.serverEd) };
    await appendKnownHost(f, 'Node1', 22, k);
    writeFileSync(f, readFileSync(f, 'utf8') + '# no newline at end');
    await appendKnownHost(f, 'node1', 2222, k);
    expect(readFileSync(f, 'utf8')).toBe(
      `node1 ${keys.serverEd}\n# no newline at end\n[node1]:2222 ${keys.serverEd}\n`,
    );
    expect(statSync(f).mode & 0o777).toBe(0o600);
    const sources = await loadKnownHosts({ userFiles: [join(dir, 'missing')], systemFiles: [], appFile: f });
    expect(checkHostKey({ host: 'node1', port: 2222, ...k }, sources).verdict).toBe('known');
  });

  it('hashed entries are found by ssh-keygen -F (OpenSSH agrees on the hash)', async () => {
    const f = join(dir, 'hashed_known_hosts');
    await appendKnownHost(
      f,
      'node9',
      2222,
      { keyType: 'ssh-ed25519', keyBlob: blob(keys.serverEd) },
      { hashed: true },
    );
    expect(readFileSync(f, 'utf8')).toMatch(/^\|1\|[A-Za-z0-9+/=]{28}\|[A-Za-z0-9+/=]{28} ssh-ed25519 /);
    const out = execFileSync('ssh-keygen', ['-F', '[node9]:2222', '-f', f], { encoding: 'utf8' });
    expect(out).toContain('found: line 1');
    expect(formatKnownHostLine('h', 22, { keyType: 'ssh-rsa', keyBlob: Buffer.from('k') })).toBe(
      'h ssh-rsa aw==\n',
    );
  });
});

describe('preferredHostKeyAlgorithms', () => {
  it('puts recorded types first in default order, rsa as its three algorithms', () => {
    const src = [parseKnownHosts(`[n]:2222 ${keys.serverRsa}\n@revoked [n]:2222 ${keys.otherEd}\n`, 'f')];
    expect(preferredHostKeyAlgorithms('n', 2222, src)).toEqual([
      'rsa-sha2-512',
      'rsa-sha2-256',
      'ssh-rsa',
      'ssh-ed25519',
      'ecdsa-sha2-nistp256',
      'ecdsa-sha2-nistp384',
      'ecdsa-sha2-nistp521',
    ]);
    expect(preferredHostKeyAlgorithms('other', 22, src)[0]).toBe('ssh-ed25519');
  });
});
