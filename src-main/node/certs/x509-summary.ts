/**
 * Certificates read on a node, parsed here with Node's own X.509 parser (crypto.X509Certificate):
 * subject, SANs, issuer, serial, validity, whether it is a CA, its chain to a CA read on the same
 * node. Bounded: at most MAX_PEM_BLOCKS certificates of at most MAX_PEM_BYTES each per input,
 * and a block that does not parse is reported as such, never thrown (docs/doctor.md).
 */
import { X509Certificate } from 'node:crypto';
import type { CertificateSource, CertificateSummary } from '../../contract/domain/doctor';

export const MAX_PEM_BLOCKS = 16;
export const MAX_PEM_BYTES = 64 * 1024;
const DAY_MS = 86_400_000;

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The CERTIFICATE blocks of a text (a .crt, a kubelet .pem, s_client's output); keys are never matched. */
export function pemBlocks(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    if (out.length >= MAX_PEM_BLOCKS) break;
    if (m[0].length <= MAX_PEM_BYTES) out.push(m[0]);
  }
  return out;
}

export type ParsedCertificate = { ok: true; cert: X509Certificate } | { ok: false; reason: string };

export function parseCertificate(pem: string): ParsedCertificate {
  try {
    return { ok: true, cert: new X509Certificate(pem) };
  } catch (error) {
    return { ok: false, reason: `not a readable X.509 certificate (${(error as Error).message})` };
  }
}

/** `CN=a\nO=b` as openssl's one-line form would list it: `O=b, CN=a` order kept as given. */
function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

function sansOf(cert: X509Certificate): string[] {
  const text = cert.subjectAltName;
  if (!text) return [];
  return text
    .split(/,\s*/)
    .map((s) => s.replace(/^IP Address:/, 'IP:'))
    .filter(Boolean);
}

/** Whole days from `now` to not-after, rounded down (negative once expired). */
export function daysLeft(notAfter: Date, now: number): number {
  return Math.floor((notAfter.getTime() - now) / DAY_MS);
}

export interface SummaryInput {
  name: string;
  source: CertificateSource;
  location: string;
  cert: X509Certificate;
  /** CA certificates read on the same node, to check the chain against. */
  cas: X509Certificate[];
  now: number;
}

export function summarize({ name, source, location, cert, cas, now }: SummaryInput): CertificateSummary {
  const notAfter = new Date(cert.validTo);
  const selfSigned = cert.subject === cert.issuer && safeVerify(cert, cert);
  let chain: CertificateSummary['chain'] = 'unchecked';
  let chainDetail = 'no CA certificate read on the node has this issuer';
  if (selfSigned) {
    chain = 'self-signed';
    chainDetail = 'issued by itself';
  } else {
    const candidates = cas.filter((ca) => ca.subject === cert.issuer);
    const signer = candidates.find((ca) => safeVerify(cert, ca));
    if (signer) {
      chain = 'verified';
      chainDetail = `signed by ${oneLine(signer.subject)} (serial ${signer.serialNumber})`;
    } else if (candidates.length > 0) {
      chain = 'broken';
      chainDetail = `a CA named ${oneLine(cert.issuer)} was read, but its key did not sign this certificate (serials ${candidates.map((c) => c.serialNumber).join(', ')})`;
    }
  }
  return {
    name,
    source,
    location,
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    sans: sansOf(cert),
    serial: cert.serialNumber.toUpperCase(),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: notAfter.toISOString(),
    daysLeft: daysLeft(notAfter, now),
    isCa: cert.ca,
    chain,
    chainDetail,
    fingerprint256: cert.fingerprint256,
  };
}

function safeVerify(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}
