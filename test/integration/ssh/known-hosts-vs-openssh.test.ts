// docs/security.md test 3: the known_hosts corpus gives the same verdict as
// `ssh -o StrictHostKeyChecking=yes -o BatchMode=yes` on every probe.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkHostKey,
  parseKnownHosts,
  type HostKeyVerdict,
} from '../../../src-main/ssh/known-hosts/index.js';
import { corpus, type Probe } from '../../unit/ssh/known-hosts-corpus.js';
import { startLocalSshd, type LocalSshd } from './local-sshd.js';

let sshd: LocalSshd;
let work = '';
let otherEd = '';
let otherRsa = '';

beforeAll(async () => {
  sshd = await startLocalSshd();
  work = mkdtempSync(join(tmpdir(), 'ks-khvs-'));
  for (const t of ['ed25519', 'rsa'])
    spawnSync('ssh-keygen', ['-q', '-t', t, '-N', '', '-f', join(work, `o_${t}`)]);
  const { readFileSync } = await import('node:fs');
  const pub = (f: string): string => readFileSync(join(work, f), 'utf8').split(' ').slice(0, 2).join(' ');
  otherEd = pub('o_ed25519.pub');
  otherRsa = pub('o_rsa.pub');
});
afterAll(async () => {
  await sshd?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Runs the real client and reads its verdict from what it prints. */
function opensshVerdict(p: Probe, i: number): { verdict: HostKeyVerdict | 'other'; out: string } {
  const user = join(work, `user_${i}`);
  const system = join(work, `system_${i}`);
  writeFileSync(user, p.user);
  writeFileSync(system, p.system ?? '');
  const args = [
    '-F',
    '/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    `UserKnownHostsFile=${user}`,
    '-o',
    `GlobalKnownHostsFile=${system}`,
    '-o',
    'CheckHostIP=no',
    '-o',
    'UpdateHostKeys=no',
    '-o',
    'PubkeyAuthentication=no',
    '-o',
    `HostKeyAlgorithms=${p.offer === 'ssh-rsa' ? 'rsa-sha2-512' : 'ssh-ed25519'}`,
    ...(p.alias ? ['-o', `HostKeyAlias=${p.alias}`] : []),
    '-p',
    String(sshd.port),
    'nobody@127.0.0.1',
    'true',
  ];
  const r = spawnSync('ssh', args, { encoding: 'utf8', timeout: 20_000 });
  const out = r.stderr;
  if (out.includes('REVOKED HOST KEY')) return { verdict: 'revoked', out };
  if (out.includes('REMOTE HOST IDENTIFICATION HAS CHANGED')) return { verdict: 'changed', out };
  if (/No \S+ host key is known for/.test(out)) return { verdict: 'unknown', out };
  if (out.includes('Permission denied')) return { verdict: 'known', out };
  return { verdict: 'other', out };
}

describe('known_hosts corpus against OpenSSH', () => {
  it('each probe: checkHostKey verdict == ssh verdict == expected', () => {
    const probes = corpus({
      serverEd: sshd.hostKeys.ed25519,
      serverRsa: sshd.hostKeys.rsa,
      otherEd,
      otherRsa,
      port: sshd.port,
    });
    const rows = probes.map((p, i) => {
      const offered = p.offer === 'ssh-rsa' ? sshd.hostKeys.rsa : sshd.hostKeys.ed25519;
      const ours = checkHostKey(
        {
          host: p.alias ?? '127.0.0.1',
          port: p.alias ? 22 : sshd.port,
          keyType: p.offer,
          keyBlob: Buffer.from(offered.split(' ')[1] ?? '', 'base64'),
        },
        [parseKnownHosts(p.user, 'user'), parseKnownHosts(p.system ?? '', 'system')],
      ).verdict;
      const ssh = opensshVerdict(p, i);
      return {
        probe: p.name,
        ours,
        ssh: ssh.verdict,
        expected: p.expect,
        ...(ssh.verdict === 'other' ? { out: ssh.out } : {}),
      };
    });
    expect(rows).toEqual(
      rows.map((r) => ({ probe: r.probe, ours: r.expected, ssh: r.expected, expected: r.expected })),
    );
  });
});
