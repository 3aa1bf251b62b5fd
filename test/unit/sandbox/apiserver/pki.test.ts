/**
 * The node's API certificates (pki.ts) as TLS clients check them: the serving certificate chains
 * to the CA and names the addresses kubectl connects to (Go's crypto/tls checks IP SANs, not the
 * CN); client certificates carry the user as CN and the groups as O, as kube-apiserver's x509
 * authenticator reads them; the kubeconfig embeds all of it as kubeadm's admin.conf does.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kubeconfigYaml } from '../../../../src-main/sandbox/apiserver/kubeconfig';
import {
  clientCertificate,
  readServingPki,
  writeClusterPki,
} from '../../../../src-main/sandbox/apiserver/pki';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-pki-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cluster PKI', () => {
  const pki = writeClusterPki(path.join(dir, 'pki'), { nodeName: 'controlplane', ips: ['127.44.0.1'] });
  const ca = new X509Certificate(pki.ca.cert);

  it('a CA, and a serving certificate it signed for the node name, its IP, localhost and 127.0.0.1', () => {
    expect(ca.ca).toBe(true);
    expect(ca.subject).toBe('CN=kubernetes');
    const serving = new X509Certificate(pki.apiserver.cert);
    expect(serving.verify(ca.publicKey)).toBe(true);
    expect(serving.checkIP('127.44.0.1')).toBe('127.44.0.1');
    expect(serving.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(serving.checkHost('controlplane')).toBe('controlplane');
    expect(serving.checkHost('localhost')).toBe('localhost');
    expect(serving.checkIP('127.44.0.2')).toBeUndefined();
    expect(serving.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // serverAuth
    expect(createPrivateKey(pki.apiserver.key).asymmetricKeyType).toBe('ec');
  });

  it('keys 0600 as kubeadm writes them, read back for serving', () => {
    expect(fs.statSync(path.join(dir, 'pki/ca.key')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'pki/apiserver.key')).mode & 0o777).toBe(0o600);
    expect(readServingPki(path.join(dir, 'pki'))).toEqual({
      ca: pki.ca.cert,
      cert: pki.apiserver.cert,
      key: pki.apiserver.key,
    });
    expect(readServingPki(path.join(dir, 'nowhere'))).toBeNull();
  });

  it('client certificates: user in CN, groups in O; embedded in a kubeadm-style kubeconfig', () => {
    const admin = clientCertificate(pki.ca, 'kubernetes-admin', ['kubeadm:cluster-admins']);
    const cert = new X509Certificate(admin.cert);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.subject.split('\n').sort()).toEqual(['CN=kubernetes-admin', 'O=kubeadm:cluster-admins']);
    expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.2'); // clientAuth
    const config = parse(
      kubeconfigYaml({
        server: 'https://127.44.0.1:6443',
        caCert: pki.ca.cert,
        user: 'kubernetes-admin',
        client: admin,
      }),
    ) as {
      'current-context': string;
      clusters: Array<{ name: string; cluster: Record<string, string> }>;
      users: Array<{ name: string; user: Record<string, string> }>;
    };
    expect(config['current-context']).toBe('kubernetes-admin@kubernetes');
    expect(config.clusters[0]?.cluster.server).toBe('https://127.44.0.1:6443');
    const b64 = (v: string | undefined) => Buffer.from(v ?? '', 'base64').toString('utf8');
    expect(b64(config.clusters[0]?.cluster['certificate-authority-data'])).toBe(pki.ca.cert);
    expect(b64(config.users[0]?.user['client-certificate-data'])).toBe(admin.cert);
    expect(b64(config.users[0]?.user['client-key-data'])).toBe(admin.key);
  });
});
