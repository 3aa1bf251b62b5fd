/**
 * The certificates of a simulated node's API server, as `kubeadm init phase certs` lays them out
 * in /etc/kubernetes/pki (kubeadm docs, "PKI certificates and requirements"): a cluster CA
 * (`ca.crt`/`ca.key`, CN `kubernetes`), the API server's serving certificate (`apiserver.crt`,
 * serverAuth, SANs kubernetes, kubernetes.default, kubernetes.default.svc,
 * kubernetes.default.svc.cluster.local, the node name, the service IP 10.96.0.1 and the advertise
 * address; here also localhost and 127.0.0.1), and client certificates signed by the same CA
 * (`clientCertificate`: kubernetes-admin in kubeadm:cluster-admins since v1.29, the kubelet as
 * system:node:NAME in system:nodes).
 *
 * Made with the real openssl (X.509 v3, ECDSA P-256, kubeadm's `encryptionAlgorithm: ECDSA-P256`),
 * so every TLS client (Go's crypto/tls in kubectl, Node's in @kubernetes/client-node) verifies a
 * real chain. Node's crypto makes keys but cannot sign certificates, hence openssl.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PemPair {
  cert: string;
  key: string;
}

export interface ClusterPki {
  ca: PemPair;
  apiserver: PemPair;
}

export interface ServingNames {
  nodeName: string;
  /** IPs the server is reached at (the advertise address first). */
  ips: string[];
}

/** kubeadm's certificate validity: CA ten years, leaf certificates one year. */
const CA_DAYS = 3650;
const LEAF_DAYS = 365;

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { code?: string; stderr?: Buffer };
    if (err.code === 'ENOENT')
      throw new Error('openssl is not installed: it makes the API server certificates');
    throw new Error(`openssl ${args[0]} failed: ${err.stderr?.toString().trim() ?? String(e)}`);
  }
}

function withTempDir<T>(work: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-pki-'));
  try {
    return work(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** `/O=a/O=b/CN=c` with `/` and `\` escaped as openssl's -subj wants. */
function subject(cn: string, organizations: string[] = []): string {
  const esc = (v: string) => v.replace(/[\\/]/g, (c) => `\\${c}`);
  return [...organizations.map((o) => `/O=${esc(o)}`), `/CN=${esc(cn)}`].join('');
}

export function createCa(commonName = 'kubernetes'): PemPair {
  return withTempDir((dir) => {
    openssl(
      [
        'req',
        '-x509',
        ...EC_KEY,
        '-keyout',
        'ca.key',
        '-out',
        'ca.crt',
        '-days',
        String(CA_DAYS),
        '-subj',
        subject(commonName),
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign',
      ],
      dir,
    );
    return read(dir, 'ca');
  });
}

function read(dir: string, name: string): PemPair {
  return {
    cert: fs.readFileSync(path.join(dir, `${name}.crt`), 'utf8'),
    key: fs.readFileSync(path.join(dir, `${name}.key`), 'utf8'),
  };
}

/** A leaf certificate signed by `ca`, with the given extensions (openssl config syntax). */
function signLeaf(ca: PemPair, subj: string, extensions: string[]): PemPair {
  return withTempDir((dir) => {
    fs.writeFileSync(path.join(dir, 'ca.crt'), ca.cert);
    fs.writeFileSync(path.join(dir, 'ca.key'), ca.key, { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'ext.cnf'), extensions.join('\n') + '\n');
    openssl(['req', '-new', ...EC_KEY, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', subj], dir);
    openssl(
      [
        'x509',
        '-req',
        '-in',
        'leaf.csr',
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-set_serial',
        `0x${crypto.randomBytes(8).toString('hex')}`,
        '-days',
        String(LEAF_DAYS),
        '-extfile',
        'ext.cnf',
        '-out',
        'leaf.crt',
      ],
      dir,
    );
    return read(dir, 'leaf');
  });
}

/** The API server's serving certificate (kubeadm's `apiserver` certificate, plus loopback names). */
export function servingCertificate(ca: PemPair, names: ServingNames): PemPair {
  const dns = [
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
    'kubernetes.default.svc.cluster.local',
    names.nodeName,
    'localhost',
  ];
  const ips = [...new Set(['10.96.0.1', ...names.ips, '127.0.0.1'])];
  const san = [...dns.map((d) => `DNS:${d}`), ...ips.map((ip) => `IP:${ip}`)].join(',');
  return signLeaf(ca, subject('kube-apiserver'), [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    `subjectAltName=${san}`,
  ]);
}

/** A client certificate: the API server takes CN as the user name and each O as a group. */
export function clientCertificate(ca: PemPair, user: string, groups: string[]): PemPair {
  return signLeaf(ca, subject(user, groups), [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=clientAuth',
  ]);
}

/** Where kubeadm keeps them (pkiDir = /etc/kubernetes/pki). */
export function pkiFiles(pkiDir: string) {
  return {
    caCert: path.join(pkiDir, 'ca.crt'),
    caKey: path.join(pkiDir, 'ca.key'),
    apiserverCert: path.join(pkiDir, 'apiserver.crt'),
    apiserverKey: path.join(pkiDir, 'apiserver.key'),
  };
}

/** Writes a new CA and serving certificate to pkiDir (keys 0600, as kubeadm writes them). */
export function writeClusterPki(pkiDir: string, names: ServingNames): ClusterPki {
  const ca = createCa();
  const apiserver = servingCertificate(ca, names);
  const files = pkiFiles(pkiDir);
  fs.mkdirSync(pkiDir, { recursive: true });
  fs.writeFileSync(files.caCert, ca.cert, { mode: 0o644 });
  fs.writeFileSync(files.caKey, ca.key, { mode: 0o600 });
  fs.writeFileSync(files.apiserverCert, apiserver.cert, { mode: 0o644 });
  fs.writeFileSync(files.apiserverKey, apiserver.key, { mode: 0o600 });
  return { ca, apiserver };
}

/** The serving material, or null when the node has no API server certificates. */
export function readServingPki(pkiDir: string): { ca: string; cert: string; key: string } | null {
  const files = pkiFiles(pkiDir);
  try {
    return {
      ca: fs.readFileSync(files.caCert, 'utf8'),
      cert: fs.readFileSync(files.apiserverCert, 'utf8'),
      key: fs.readFileSync(files.apiserverKey, 'utf8'),
    };
  } catch {
    return null;
  }
}

/**
 * kubeadm's etcd certificates in `<pkiDir>/etcd` ("PKI certificates and requirements"): the etcd
 * CA (CN etcd-ca), the server and peer certificates (serverAuth and clientAuth, SANs the node
 * name, localhost, its IPs) and healthcheck-client; keys 0600.
 */
export function writeEtcdPki(pkiDir: string, names: ServingNames): void {
  const dir = path.join(pkiDir, 'etcd');
  fs.mkdirSync(dir, { recursive: true });
  const ca = createCa('etcd-ca');
  const ips = [...new Set([...names.ips, '127.0.0.1', '::1'])];
  const san = [`DNS:${names.nodeName}`, 'DNS:localhost', ...ips.map((ip) => `IP:${ip}`)].join(',');
  const both = [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth,clientAuth',
    `subjectAltName=${san}`,
  ];
  const pairs: Record<string, PemPair> = {
    ca,
    server: signLeaf(ca, subject(names.nodeName), both),
    peer: signLeaf(ca, subject(names.nodeName), both),
    'healthcheck-client': signLeaf(ca, subject('kube-etcd-healthcheck-client'), [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=clientAuth',
    ]),
  };
  for (const [name, pair] of Object.entries(pairs)) {
    fs.writeFileSync(path.join(dir, `${name}.crt`), pair.cert, { mode: 0o644 });
    fs.writeFileSync(path.join(dir, `${name}.key`), pair.key, { mode: 0o600 });
  }
}
