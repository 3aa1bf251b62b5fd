/**
 * The simulated API server's serving pair is re-read before each connection, as the real
 * kube-apiserver's DynamicServingContentFromFiles reloads it [src: staging/src/k8s.io/apiserver/
 * pkg/server/dynamiccertificates/dynamic_serving_content.go]: a renewed certificate is served
 * from the next connection on, and one whose key was not replaced does not load (X509KeyPair
 * fails), so the previous certificate is still served ("renewed but not reloaded"). Real
 * certificates from openssl (pki.ts), a real TLS server and client on 127.0.0.1.
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { createCa, servingCertificate } from '../../../src-main/sandbox/apiserver/pki';
import { reloadPairOnChange } from '../../../src-main/sandbox/serving/reload-on-change';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reload-pair-'));
const servers: tls.Server[] = [];
afterAll(() => {
  servers.forEach((s) => s.close());
  fs.rmSync(dir, { recursive: true, force: true });
});

const certFile = path.join(dir, 'apiserver.crt');
const keyFile = path.join(dir, 'apiserver.key');
const read = () => {
  try {
    return { cert: fs.readFileSync(certFile, 'utf8'), key: fs.readFileSync(keyFile, 'utf8') };
  } catch {
    return null;
  }
};
const serialOf = (pem: string) => new X509Certificate(pem).serialNumber;

function servedSerial(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const serial = socket.getPeerCertificate().serialNumber;
      socket.end();
      resolve(serial.toUpperCase());
    });
    socket.on('error', reject);
  });
}

describe('reloadPairOnChange', () => {
  it('serves a renewed pair from the next connection, and keeps the old one when the key does not match', async () => {
    const ca = createCa();
    const names = { nodeName: 'controlplane', ips: ['127.0.0.1'] };
    const first = servingCertificate(ca, names);
    fs.writeFileSync(certFile, first.cert);
    fs.writeFileSync(keyFile, first.key);
    const logged: string[] = [];
    const server = tls.createServer({ cert: first.cert, key: first.key, ca: ca.cert });
    server.on('secureConnection', (s) => s.end());
    reloadPairOnChange(server, first, read, { ca: ca.cert }, (l) => logged.push(l));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;

    expect(await servedSerial(port)).toBe(serialOf(first.cert).toUpperCase());

    const renewed = servingCertificate(ca, names);
    fs.writeFileSync(certFile, renewed.cert);
    fs.writeFileSync(keyFile, renewed.key);
    expect(await servedSerial(port)).toBe(serialOf(renewed.cert).toUpperCase());

    // Renewed with a new key that was not put in place: the pair does not load.
    const otherKey = servingCertificate(ca, names);
    fs.writeFileSync(certFile, otherKey.cert);
    expect(await servedSerial(port)).toBe(serialOf(renewed.cert).toUpperCase());
    expect(logged.join('\n')).toMatch(/do not load, the previous pair is still served/);
  });
});
