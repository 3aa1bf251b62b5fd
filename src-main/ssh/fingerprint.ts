// Host key fingerprints exactly as OpenSSH prints them.
// docs/security.md › SSH: "Unknown host: show the `SHA256:` fingerprint exactly as `ssh-keygen -lf`
// prints it". ssh-keygen prints "SHA256:" + base64 of the SHA-256 digest of the key blob with the
// trailing "=" padding removed (sshkey_fingerprint_raw → SSH_FP_BASE64, padding stripped).
import { createHash } from 'node:crypto';

/** `SHA256:<unpadded base64>` of a public key blob (the SSH wire encoding of the key). */
export function sha256Fingerprint(keyBlob: Buffer): string {
  const digest = createHash('sha256').update(keyBlob).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/** Reads SSH wire-format strings (uint32 length + bytes) from a blob; throws on truncation. */
class WireReader {
  private offset = 0;
  constructor(private readonly buf: Buffer) {}
  string(): Buffer {
    if (this.offset + 4 > this.buf.length) throw new Error('truncated key blob');
    const len = this.buf.readUInt32BE(this.offset);
    const start = this.offset + 4;
    if (start + len > this.buf.length) throw new Error('truncated key blob');
    this.offset = start + len;
    return this.buf.subarray(start, start + len);
  }
}

/** The key type name embedded at the start of a key blob (e.g. "ssh-ed25519"). */
export function keyBlobType(keyBlob: Buffer): string {
  return new WireReader(keyBlob).string().toString('latin1');
}

/** Bit length of an SSH mpint (big-endian, possibly with a leading zero byte). */
function mpintBits(mpint: Buffer): number {
  let i = 0;
  while (i < mpint.length && mpint[i] === 0) i++;
  if (i === mpint.length) return 0;
  return (mpint.length - i - 1) * 8 + (32 - Math.clz32(mpint[i] ?? 0));
}

const CURVE_BITS: Record<string, number> = { nistp256: 256, nistp384: 384, nistp521: 521 };

/** ssh-keygen's type label (sshkey_type()): "ED25519", "RSA", "ECDSA-SK", "ED25519-CERT" … */
export function keyTypeLabel(keyType: string): string {
  const cert = keyType.includes('-cert-v01@openssh.com') ? '-CERT' : '';
  const base = keyType.replace('-cert-v01@openssh.com', '');
  let label: string;
  if (base === 'ssh-ed25519') label = 'ED25519';
  else if (base === 'sk-ssh-ed25519@openssh.com') label = 'ED25519-SK';
  else if (base === 'ssh-rsa') label = 'RSA';
  else if (base === 'ssh-dss') label = 'DSA';
  else if (base.startsWith('sk-ecdsa-sha2-')) label = 'ECDSA-SK';
  else if (base.startsWith('ecdsa-sha2-')) label = 'ECDSA';
  else return 'unknown';
  return label + cert;
}

/** Key size in bits as ssh-keygen reports it (sshkey_size()); 0 when unknown. */
export function keyBits(keyBlob: Buffer): number {
  const r = new WireReader(keyBlob);
  const type = r.string().toString('latin1');
  if (type.includes('-cert-v01@openssh.com')) r.string(); // certificate nonce precedes the key
  const base = type.replace('-cert-v01@openssh.com', '');
  if (base === 'ssh-ed25519' || base === 'sk-ssh-ed25519@openssh.com') return 256;
  if (base === 'ssh-rsa') {
    r.string(); // e
    return mpintBits(r.string());
  }
  if (base === 'ssh-dss') return mpintBits(r.string());
  if (base.startsWith('ecdsa-sha2-') || base.startsWith('sk-ecdsa-sha2-')) {
    return CURVE_BITS[r.string().toString('latin1')] ?? 0;
  }
  return 0;
}

/**
 * The line `ssh-keygen -lf <file>` prints for one key: "256 SHA256:… comment (ED25519)".
 * With no comment ssh-keygen prints "no comment" for key files; known_hosts lines use the host
 * field as the comment, so callers pass whatever ssh-keygen would show.
 */
export function keygenListLine(keyBlob: Buffer, comment = 'no comment'): string {
  const type = keyBlobType(keyBlob);
  return `${keyBits(keyBlob)} ${sha256Fingerprint(keyBlob)} ${comment} (${keyTypeLabel(type)})`;
}
