// The host-key verdict with OpenSSH semantics (hostfile.c check_hostkeys_by_key_or_type(),
// sshconnect.c check_host_key()).
// docs/security.md › SSH: "@revoked (never accept)"; "Changed or revoked key: refuse";
// "Offer known key types first, so a key-type switch reads as 'changed', not 'new'".
// (OpenSSH reports any non-matching recorded key as changed, so ordering mainly makes the server
// present the recorded key and avoids a false alarm when it still has it.)
import { sha256Fingerprint } from '../fingerprint.js';
import { hostFieldMatches, lookupName } from './host-match.js';
import type { KnownHostLine } from './parse.js';

export type HostKeyVerdict = 'known' | 'unknown' | 'changed' | 'revoked';

export interface OfferedHostKey {
  host: string;
  port: number;
  keyType: string;
  keyBlob: Buffer;
}

export interface KnownKeyRef {
  keyType: string;
  fingerprint: string;
  file: string;
  line: number;
}

export interface HostKeyCheck {
  verdict: HostKeyVerdict;
  /** SHA256 fingerprint of the offered key, as `ssh-keygen -lf` prints it. */
  offeredFingerprint: string;
  /**
   * For 'known': the matching entry. For 'changed': every key recorded for the host (OpenSSH's
   * "Offending … key in file:line"). For 'unknown': empty. For 'revoked': the @revoked entry.
   */
  knownKeys: KnownKeyRef[];
}

function ref(l: KnownHostLine): KnownKeyRef {
  return { keyType: l.keyType, fingerprint: sha256Fingerprint(l.keyBlob), file: l.file, line: l.line };
}

/** All usable lines whose host field matches host:port, from every source in order. */
export function linesForHost(host: string, port: number, sources: KnownHostLine[][]): KnownHostLine[] {
  const name = lookupName(host, port);
  return sources.flat().filter((l) => l.usable && hostFieldMatches(name, l.hosts));
}

/**
 * Verdict for an offered (plain, non-certificate) host key.
 * - revoked: a matching `@revoked` line holds this key — wins over everything (checked last in
 *   OpenSSH, so even a 'known' entry does not save it).
 * - known: a plain line for the host holds exactly this key.
 * - changed: plain lines for the host exist, none holding this key — whatever their type.
 *   Checked against OpenSSH 9.2: with only an RSA key recorded and an ED25519 key offered,
 *   `ssh -o StrictHostKeyChecking=yes` prints "REMOTE HOST IDENTIFICATION HAS CHANGED" and
 *   "Offending RSA key" (check_hostkeys_by_key_or_type() sets HOST_CHANGED for any non-equal key).
 * - unknown: no plain line matches the host.
 * `@cert-authority` lines are recognised and never treated as a host key.
 */
export function checkHostKey(offered: OfferedHostKey, sources: KnownHostLine[][]): HostKeyCheck {
  const lines = linesForHost(offered.host, offered.port, sources);
  const offeredFingerprint = sha256Fingerprint(offered.keyBlob);
  const revoked = lines.find((l) => l.marker === 'revoked' && l.keyBlob.equals(offered.keyBlob));
  if (revoked) return { verdict: 'revoked', offeredFingerprint, knownKeys: [ref(revoked)] };

  const plain = lines.filter((l) => l.marker === 'none');
  const exact = plain.find((l) => l.keyBlob.equals(offered.keyBlob));
  if (exact) return { verdict: 'known', offeredFingerprint, knownKeys: [ref(exact)] };

  if (plain.length > 0) return { verdict: 'changed', offeredFingerprint, knownKeys: plain.map(ref) };
  // sshconnect.c check_host_key(), HOST_NEW: for a non-default port with nothing recorded under
  // `[host]:port`, OpenSSH retries the bare host name and accepts only an exact match there
  // ("found matching key w/out port"); a revoked key there is refused as revoked, a different
  // key there leaves it 'unknown' (both verified against ssh 9.2 in the corpus).
  if (offered.port !== 22) {
    const bare = checkHostKey({ ...offered, port: 22 }, sources);
    if (bare.verdict === 'known' || bare.verdict === 'revoked') return bare;
  }
  return { verdict: 'unknown', offeredFingerprint, knownKeys: [] };
}

/** ssh2's default server-host-key algorithm order (lib/protocol/constants.js, ssh2 1.17). */
export const DEFAULT_HOST_KEY_ALGORITHMS: readonly string[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** The signature algorithms that authenticate a key of a given type. */
function algorithmsForKeyType(keyType: string): string[] {
  if (keyType === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return [keyType];
}

/**
 * Host-key algorithms with the recorded types first (OpenSSH order_hostkeyalgs()), so a server
 * that still has the recorded type offers it and a different key of that type reads 'changed'.
 */
export function preferredHostKeyAlgorithms(
  host: string,
  port: number,
  sources: KnownHostLine[][],
  defaults: readonly string[] = DEFAULT_HOST_KEY_ALGORITHMS,
): string[] {
  const known = new Set(
    linesForHost(host, port, sources)
      .filter((l) => l.marker === 'none')
      .flatMap((l) => algorithmsForKeyType(l.keyType)),
  );
  const first = defaults.filter((a) => known.has(a));
  return [...first, ...defaults.filter((a) => !known.has(a))];
}
