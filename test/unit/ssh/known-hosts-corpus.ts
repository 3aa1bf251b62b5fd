// The known_hosts corpus (docs/security.md test 3): each probe is a known_hosts text, a name to look
// up and the key type the server presents, with the verdict OpenSSH 9.2 gives. The unit test
// checks checkHostKey() against `expect`; the integration test runs the real `ssh -o
// StrictHostKeyChecking=yes -o BatchMode=yes` on the same probes and requires the same verdict.
import { hashHostName } from '../../../src-main/ssh/known-hosts/host-match.js';
import type { HostKeyVerdict } from '../../../src-main/ssh/known-hosts/check.js';

export interface CorpusKeys {
  /** "type base64" of the server's host keys, and of unrelated keys. */
  serverEd: string;
  serverRsa: string;
  otherEd: string;
  otherRsa: string;
  port: number;
}

export interface Probe {
  name: string;
  user: string;
  system?: string;
  /** Looked-up name via HostKeyAlias (port-22 style, bare); otherwise [127.0.0.1]:port. */
  alias?: string;
  offer: 'ssh-ed25519' | 'ssh-rsa';
  expect: HostKeyVerdict;
}

export function corpus(k: CorpusKeys): Probe[] {
  const hp = `[127.0.0.1]:${k.port}`;
  const edBlob = k.serverEd.split(' ')[1] ?? '';
  const rsaTypeEdBlob = `ssh-rsa ${edBlob}`;
  return [
    { name: 'plain bracket name', user: `${hp} ${k.serverEd}\n`, offer: 'ssh-ed25519', expect: 'known' },
    {
      name: 'bare ip with the right key accepted for a non-22 port',
      user: `127.0.0.1 ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'known',
    },
    {
      name: 'bare ip with another key: unknown for a non-22 port',
      user: `127.0.0.1 ${k.otherEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'unknown',
    },
    {
      name: 'bare ip revoked: revoked for a non-22 port',
      user: `@revoked 127.0.0.1 ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'revoked',
    },
    {
      name: 'bracket entry with another key beats a bare match',
      user: `127.0.0.1 ${k.serverEd}\n${hp} ${k.otherEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'changed',
    },
    {
      name: 'hashed bracket name',
      user: `${hashHostName(hp)} ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'known',
    },
    {
      name: 'hashed alias',
      alias: 'node1.example',
      user: `${hashHostName('node1.example')} ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'known',
    },
    {
      name: 'hashed alias, other key',
      alias: 'node1.example',
      user: `${hashHostName('node1.example')} ${k.otherEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'changed',
    },
    {
      name: 'hashed other name',
      alias: 'node1.example',
      user: `${hashHostName('node2.example')} ${k.otherEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'unknown',
    },
    {
      name: 'star wildcard',
      alias: 'node7.example',
      user: `node*.example ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'known',
    },
    {
      name: 'star wildcard over brackets',
      user: `[127.0.0.*]:* ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'known',
    },
    {
      name: 'question mark is one char',
      alias: 'node12.example',
      user: `node?.example ${k.otherEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'unknown',
    },
    {
      name: 'question mark matches',
      alias: 'node3.example',
      user: `node?.example ${k.otherEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'changed',
    },
    {
      name: 'negation excludes',
      alias: 'bad.example',
      user: `*.example,!bad.example ${k.otherEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'unknown',
    },
    {
      name: 'negation leaves others',
      alias: 'good.example',
      user: `*.example,!bad.example ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'known',
    },
    {
      name: 'negation beats an exact positive',
      alias: 'bad.example',
      user: `bad.example,!bad.example ${k.otherEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'unknown',
    },
    {
      name: 'comma list',
      alias: 'node1.example',
      user: `a.example,node1.example,b.example ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'known',
    },
    {
      name: 'case-insensitive pattern',
      alias: 'node1.example',
      user: `NODE1.Example ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'known',
    },
    {
      name: 'revoked beats known',
      user: `@revoked ${hp} ${k.serverEd}\n${hp} ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'revoked',
    },
    {
      name: 'revoked by wildcard',
      user: `@revoked * ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'revoked',
    },
    {
      name: 'revoked other key is harmless',
      user: `@revoked * ${k.otherEd}\n${hp} ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'known',
    },
    {
      name: 'revoked other key alone',
      user: `@revoked * ${k.otherEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'unknown',
    },
    {
      name: 'cert-authority is not a host key',
      user: `@cert-authority * ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'unknown',
    },
    {
      name: 'cert-authority with a known key',
      user: `@cert-authority * ${k.otherEd}\n${hp} ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'known',
    },
    {
      name: 'unknown marker line is skipped',
      user: `@bogus ${hp} ${k.otherEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'unknown',
    },
    { name: 'CRLF', user: `# c\r\n\r\n${hp} ${k.serverEd}\r\n`, offer: 'ssh-ed25519', expect: 'known' },
    { name: 'CRLF changed', user: `${hp} ${k.otherEd}\r\n`, offer: 'ssh-ed25519', expect: 'changed' },
    {
      name: 'comments, blanks, indentation, tabs, comment field',
      user: `# hi\n\n   \n  \t${hp}\t${k.serverEd}  my comment\n`,
      offer: 'ssh-ed25519',
      expect: 'known',
    },
    { name: 'commented-out entry', user: `#${hp} ${k.serverEd}\n`, offer: 'ssh-ed25519', expect: 'unknown' },
    {
      name: 'unknown key type is inert',
      user: `${hp} ssh-foo@example.com AAAAB3NzaC1mb28=\n`,
      offer: 'ssh-ed25519',
      expect: 'unknown',
    },
    {
      name: 'blob type mismatch is inert',
      user: `${hp} ${rsaTypeEdBlob}\n`,
      offer: 'ssh-ed25519',
      expect: 'unknown',
    },
    { name: 'same type, other key', user: `${hp} ${k.otherEd}\n`, offer: 'ssh-ed25519', expect: 'changed' },
    {
      name: 'other type only (type switch)',
      user: `${hp} ${k.otherRsa}\n`,
      offer: 'ssh-ed25519',
      expect: 'changed',
    },
    {
      name: 'right ed recorded, rsa offered',
      user: `${hp} ${k.serverEd}\n`,
      offer: 'ssh-rsa',
      expect: 'changed',
    },
    {
      name: 'both types recorded, rsa offered',
      user: `${hp} ${k.serverEd}\n${hp} ${k.serverRsa}\n`,
      offer: 'ssh-rsa',
      expect: 'known',
    },
    {
      name: 'stale key before the right one',
      user: `${hp} ${k.otherEd}\n${hp} ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'known',
    },
    {
      name: 'system file holds the key',
      user: `${hp} ${k.otherRsa}\n`,
      system: `${hp} ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'known',
    },
    {
      name: 'system file revokes',
      user: `${hp} ${k.serverEd}\n`,
      system: `@revoked ${hp} ${k.serverEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'revoked',
    },
    {
      name: 'malformed hash is skipped',
      user: `|1|bm90c2FsdA==|xx ${k.otherEd}\n`,
      offer: 'ssh-ed25519',
      expect: 'unknown',
    },
  ];
}
