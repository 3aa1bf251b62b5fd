/**
 * Certificates for the doctor's scenarios, made with the real openssl and signed by the test
 * node's own cluster CA (/etc/kubernetes/pki/ca.key, read from the node's bind-mounted tree):
 * `openssl ca` takes explicit `-startdate`/`-enddate`, so expiry is controlled without faking the
 * clock, and a renewal keeps the existing key (`-key`), as `kubeadm certs renew` does for a pair
 * it reuses.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';

export interface SignInput {
  pkiDir: string;
  cn: string;
  notBefore: Date;
  notAfter: Date;
  /** Reuse this key file (a renewal); default: a new EC key. */
  keyFile?: string;
  san?: string;
}

export function signWithNodeCa(input: SignInput): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-ca-'));
  try {
    const run = (args: string[]) =>
      execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    fs.writeFileSync(path.join(dir, 'index.txt'), '');
    fs.writeFileSync(path.join(dir, 'serial'), crypto.randomBytes(8).toString('hex') + '\n');
    fs.writeFileSync(
      path.join(dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = sim',
        '[sim]',
        'database = index.txt',
        'serial = serial',
        'new_certs_dir = .',
        'default_md = sha256',
        'policy = any',
        'unique_subject = no',
        '[any]',
        'commonName = supplied',
        '[ext]',
        'basicConstraints = critical,CA:FALSE',
        'keyUsage = critical,digitalSignature,keyEncipherment',
        input.san ? `subjectAltName = ${input.san}` : 'extendedKeyUsage = clientAuth',
        '',
      ].join('\n'),
    );
    const key = input.keyFile
      ? ['-key', input.keyFile]
      : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'leaf.key'];
    run(['req', '-new', ...key, '-out', 'leaf.csr', '-subj', `/CN=${input.cn}`]);
    run([
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-cert',
      path.join(input.pkiDir, 'ca.crt'),
      '-keyfile',
      path.join(input.pkiDir, 'ca.key'),
      '-in',
      'leaf.csr',
      '-out',
      'leaf.crt',
      '-startdate',
      stamp(input.notBefore),
      '-enddate',
      stamp(input.notAfter),
      '-extensions',
      'ext',
      '-notext',
    ]);
    return fs.readFileSync(path.join(dir, 'leaf.crt'), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function serialOf(pem: string): string {
  return new crypto.X509Certificate(pem).serialNumber.toUpperCase();
}
