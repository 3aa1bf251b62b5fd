// ssh2's hostVerifier for one hop. It runs during key exchange, before ssh2 sends any
// authentication request, and ssh2 waits for its callback.
// docs/security.md › SSH: "ssh2's `hostVerifier` accepts every key when unset: always set it, and
// verify before any authentication is sent"; "Unknown host: show the `SHA256:` fingerprint …,
// ask, then authenticate. Changed or revoked key: refuse, show old and new fingerprints, no
// accept button."
import { keyBlobType, keygenListLine } from './fingerprint.js';
import { HostKeyError } from './errors.js';
import {
  appendKnownHost,
  checkHostKey,
  loadKnownHosts,
  lookupName,
  type KnownHostsPaths,
  type KnownKeyRef,
} from './known-hosts/index.js';

export interface HostKeyPrompt {
  /** The name the key is recorded under (as in known_hosts) and the port. */
  host: string;
  port: number;
  keyType: string;
  /** `SHA256:…` exactly as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** The whole `ssh-keygen -lf` line: "256 SHA256:… host (ED25519)". */
  keygenLine: string;
  /** Position in a jump chain: 0 = first bastion … last = the target. */
  hop: number;
}

/** Resolves true to trust and record the key, false to abort. Never called for changed keys. */
export type HostKeyPromptCallback = (prompt: HostKeyPrompt) => Promise<boolean>;

export interface HostVerifierOptions {
  host: string;
  port: number;
  hop: number;
  knownHosts: KnownHostsPaths;
  onHostKeyPrompt: HostKeyPromptCallback;
  /** Write new entries hashed (`|1|salt|hmac`), like HashKnownHosts yes. */
  hashKnownHosts?: boolean;
  /** Receives the reason before ssh2 aborts the handshake with its generic error. */
  onRefused: (err: HostKeyError) => void;
}

function describeKnown(keys: KnownKeyRef[]): string {
  return keys.map((k) => `${k.fingerprint} (${k.keyType}) in ${k.file}:${k.line}`).join('; ');
}

export function changedMessage(
  host: string,
  port: number,
  offered: string,
  keyType: string,
  known: KnownKeyRef[],
): string {
  const name = lookupName(host, port);
  const files = [...new Set(known.map((k) => k.file))];
  return (
    `The host key of ${name} has CHANGED. Offered: ${offered} (${keyType}). Recorded: ${describeKnown(known)}. ` +
    'Someone could be intercepting the connection, or the host was reinstalled. Not connecting. ' +
    `If the change is expected, verify the new fingerprint out of band, then remove the old entry ` +
    `(ssh-keygen -R '${name}' -f ${files[0] ?? '~/.ssh/known_hosts'}) and connect again.`
  );
}

/** Builds the async verifier (two-argument form: ssh2 then waits for `verify`). */
export function makeHostVerifier(
  o: HostVerifierOptions,
): (key: Buffer, verify: (ok: boolean) => void) => void {
  const decide = async (keyBlob: Buffer): Promise<boolean> => {
    let keyType: string;
    try {
      keyType = keyBlobType(keyBlob);
    } catch {
      o.onRefused(new HostKeyError('invalid', `${lookupName(o.host, o.port)} sent a malformed host key`));
      return false;
    }
    const sources = await loadKnownHosts(o.knownHosts);
    const r = checkHostKey({ host: o.host, port: o.port, keyType, keyBlob }, sources);
    switch (r.verdict) {
      case 'known':
        return true;
      case 'revoked':
        o.onRefused(
          new HostKeyError(
            'revoked',
            `The host key of ${lookupName(o.host, o.port)} (${r.offeredFingerprint}, ${keyType}) is REVOKED ` +
              `(@revoked in ${describeKnown(r.knownKeys)}). Not connecting; ask the node's administrator for its new key.`,
          ),
        );
        return false;
      case 'changed':
        o.onRefused(
          new HostKeyError(
            'changed',
            changedMessage(o.host, o.port, r.offeredFingerprint, keyType, r.knownKeys),
          ),
        );
        return false;
      case 'unknown': {
        const ok = await o.onHostKeyPrompt({
          host: o.host,
          port: o.port,
          keyType,
          fingerprint: r.offeredFingerprint,
          keygenLine: keygenListLine(keyBlob, lookupName(o.host, o.port)),
          hop: o.hop,
        });
        if (!ok) {
          o.onRefused(
            new HostKeyError(
              'declined',
              `The host key of ${lookupName(o.host, o.port)} (${r.offeredFingerprint}, ${keyType}) was not accepted; nothing was sent to the host. ` +
                'To trust it, compare it with `ssh-keygen -lf` of the host key on the node and accept it when asked.',
            ),
          );
          return false;
        }
        await appendKnownHost(
          o.knownHosts.appFile,
          o.host,
          o.port,
          { keyType, keyBlob },
          { hashed: o.hashKnownHosts === true },
        );
        return true;
      }
    }
  };
  return (key, verify) => {
    decide(key).then(verify, (err: unknown) => {
      o.onRefused(new HostKeyError('invalid', `host key check failed: ${(err as Error).message}`));
      verify(false);
    });
  };
}
