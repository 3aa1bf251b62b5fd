import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tarGz } from '../../../src-main/core/bundle/tar-gz';
import { redactText } from '../../../src-main/inspect/doctor/redact';
import { bigNumbersAsStrings, parseMemberList } from '../../../src-main/node/etcd/etcdctl-json';

const SECRETS = [
  'abcdef.0123456789abcdef',
  's3cr3t-Passw0rd!',
  'eyJhbGciOiJSUzI1NiJ9.bearer-value',
  'TOKENVALUE-42-xyz',
];
const forms = (s: string) => [s, Buffer.from(s).toString('base64'), Buffer.from(s).toString('hex')];

describe('redactText', () => {
  const planted = [
    '    - --token=abcdef.0123456789abcdef',
    '    - --service-account-key-file=/etc/kubernetes/pki/sa.key',
    '    env:',
    '    - name: DB_PASSWORD',
    '      value: s3cr3t-Passw0rd!',
    '    - name: LOG_LEVEL',
    '      value: visible-control-value',
    'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.bearer-value',
    '{"key": "API_TOKEN", "value": "TOKENVALUE-42-xyz"}',
    '-----BEGIN EC PRIVATE KEY-----',
    'MHcCAQEEIPrivateKeyMaterialHere',
    '-----END EC PRIVATE KEY-----',
    '    client-key-data: LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0t',
  ].join('\n');

  it('removes every planted secret and keeps the rest (positive control)', () => {
    const { text, count } = redactText(planted);
    for (const secret of SECRETS) for (const form of forms(secret)) expect(text).not.toContain(form);
    expect(text).not.toContain('PrivateKeyMaterialHere');
    expect(text).not.toContain('LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0t');
    expect(text).toContain('visible-control-value');
    expect(text).toContain('--service-account-key-file=/etc/kubernetes/pki/sa.key');
    expect(count).toBeGreaterThanOrEqual(6);
    // The control: without redaction the scan finds them.
    for (const secret of SECRETS) expect(planted).toContain(secret);
  });
});

describe('tarGz', () => {
  it('writes an archive GNU tar lists and extracts byte for byte', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tar-test-'));
    const long = `b/${'x'.repeat(120)}/file.txt`;
    fs.writeFileSync(
      path.join(dir, 'a.tar.gz'),
      tarGz([
        { name: 'a/one.txt', content: 'hello\n', mtime: 1_700_000_000 },
        { name: long, content: Buffer.alloc(1500, 7), mtime: 1_700_000_000 },
      ]),
    );
    const listing = execFileSync('tar', ['-tzf', 'a.tar.gz'], { cwd: dir, encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(listing).toEqual(['a/one.txt', long]);
    execFileSync('tar', ['-xzf', 'a.tar.gz'], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, 'a/one.txt'), 'utf8')).toBe('hello\n');
    expect(fs.readFileSync(path.join(dir, long))).toEqual(Buffer.alloc(1500, 7));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('etcdctl JSON', () => {
  // etcd v3.5 `member list -w json` (encoding/json: uint64 as numbers beyond 2^53).
  const text =
    '{"header":{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"raft_term":2},"members":[{"ID":10276657743932975437,"name":"cp","peerURLs":["https://10.0.0.10:2380"],"clientURLs":["https://10.0.0.10:2379"]},{"ID":3046213004521040470,"peerURLs":["https://10.9.9.9:2380"]}]}';
  it('keeps member IDs exact and prints them in hex as etcdctl does', () => {
    expect(bigNumbersAsStrings('{"a":10276657743932975437,"b":"12345678901234567890","c":1.5}')).toBe(
      '{"a":"10276657743932975437","b":"12345678901234567890","c":1.5}',
    );
    const members = parseMemberList(text);
    expect(members?.map((m) => m.id)).toEqual(['8e9e05c52164694d', '2a4652968ca6ea56']);
    expect(members?.[1]?.name).toBe('');
  });
});
