import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listHostAliases, parseTargetSpec, resolveSshTarget } from '../../../src-main/ssh/ssh-config.js';

let home = '';
const canary = join(tmpdir(), `ks-matchexec-canary-${process.pid}`);

const CONFIG = `
# main config
Host cp controlplane
  HostName 10.0.0.10
  User ks-admin
  Port 2201
  IdentityFile ~/.ssh/id_cp
  IdentityFile %d/.ssh/id_%r@%h
  IdentitiesOnly yes
  ServerAliveInterval 15
  ForwardAgent yes
  ProxyJump bastion2

Host bastion1
  HostName 127.0.0.2
  User jump1

Host bastion2
  HostName 127.0.0.3
  User jump2
  ProxyJump bastion1

Host multi
  HostName 127.0.0.9
  ProxyJump bastion1,bastion2:2222

Host loop-a
  ProxyJump loop-b
Host loop-b
  ProxyJump loop-a

Match host 127.0.0.99 exec "touch ${canary}"
  User from-match-exec

Host pc
  ProxyCommand nc %h %p

Include conf.d/*.conf
Include ~/.ssh/missing-file

Host *.example !bad.example
  User wild
Host *
  User default-user
  ServerAliveCountMax 5
`;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'ks-sshcfg-'));
  mkdirSync(join(home, '.ssh', 'conf.d'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'config'), CONFIG);
  writeFileSync(join(home, '.ssh', 'conf.d', '20-b.conf'), 'Host inc-b\n  HostName 127.0.0.21\n');
  writeFileSync(
    join(home, '.ssh', 'conf.d', '10-a.conf'),
    'Host inc-a\n  HostName 127.0.0.20\n  Include nested.inc\n  Port 2022\n',
  );
  writeFileSync(join(home, '.ssh', 'nested.inc'), 'User nested-user\n');
  writeFileSync(join(home, '.ssh', 'conf.d', 'ignored.txt'), 'Host not-included\n');
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const src = (): { home: string; localUser: string } => ({ home, localUser: 'me' });

describe('resolveSshTarget', () => {
  it('resolves an alias with tokens, keepalive, agent forwarding and a nested jump chain', () => {
    const t = resolveSshTarget('cp', src());
    expect(t).toMatchObject({
      hostName: '10.0.0.10',
      user: 'ks-admin',
      port: 2201,
      identitiesOnly: true,
      identityFiles: [join(home, '.ssh/id_cp'), join(home, '.ssh/id_ks-admin@10.0.0.10')],
      serverAliveInterval: 15,
      serverAliveCountMax: 5,
      forwardAgent: true,
    });
    expect(t.proxyJump.map((h) => [h.hostName, h.user, h.port])).toEqual([
      ['127.0.0.2', 'jump1', 22],
      ['127.0.0.3', 'jump2', 22],
    ]);
  });

  it('ProxyJump a,b: b is reached through a and its own ProxyJump is overridden', () => {
    const t = resolveSshTarget('multi', src());
    expect(t.proxyJump.map((h) => `${h.user}@${h.hostName}:${h.port}`)).toEqual([
      'jump1@127.0.0.2:22',
      'jump2@127.0.0.3:2222',
    ]);
  });

  it('user@host:port on the command line wins over the config', () => {
    const t = resolveSshTarget('root@cp:2999', src());
    expect([t.user, t.hostName, t.port]).toEqual(['root', '10.0.0.10', 2999]);
    const plain = resolveSshTarget('10.1.2.3', src());
    expect([plain.user, plain.port, plain.identityFilesFromConfig, plain.forwardAgent]).toEqual([
      'default-user',
      22,
      false,
      false,
    ]);
    expect(plain.identityFiles).toContain(join(home, '.ssh/id_ed25519'));
  });

  it('never runs Match exec', () => {
    const t = resolveSshTarget('127.0.0.99', src());
    expect(t.user).toBe('default-user');
    expect(existsSync(canary)).toBe(false);
  });

  it('follows Include with globs in lexical order, relative to ~/.ssh, nested, keeping block scope', () => {
    expect(resolveSshTarget('inc-a', src())).toMatchObject({
      hostName: '127.0.0.20',
      user: 'nested-user',
      port: 2022,
    });
    expect(resolveSshTarget('inc-b', src()).hostName).toBe('127.0.0.21');
    expect(resolveSshTarget('not-included', src()).hostName).toBe('not-included');
  });

  it('wildcards and negation in Host', () => {
    expect(resolveSshTarget('w1.example', src()).user).toBe('wild');
    expect(resolveSshTarget('bad.example', src()).user).toBe('default-user');
  });

  it('reports ProxyCommand instead of running it, and refuses jump loops', () => {
    expect(resolveSshTarget('pc', src()).proxyCommand).toBe('nc %h %p');
    expect(() => resolveSshTarget('loop-a', src())).toThrow(/loop/);
  });
});

describe('listHostAliases', () => {
  it('lists concrete aliases only, including included files', () => {
    expect(listHostAliases(src())).toEqual([
      'cp',
      'controlplane',
      'bastion1',
      'bastion2',
      'multi',
      'loop-a',
      'loop-b',
      'pc',
      'inc-a',
      'inc-b',
    ]);
  });
});

describe('parseTargetSpec', () => {
  it.each([
    ['host', { host: 'host' }],
    ['u@h', { user: 'u', host: 'h' }],
    ['u@h:2222', { user: 'u', host: 'h', port: 2222 }],
    ['[::1]:22', { host: '::1', port: 22 }],
    ['a@b@c', { user: 'a@b', host: 'c' }],
  ])('%s', (spec, want) => expect(parseTargetSpec(spec)).toEqual(want));
  it('rejects bad ports', () => expect(() => parseTargetSpec('h:70000')).toThrow());
});
