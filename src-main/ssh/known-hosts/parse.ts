// known_hosts parsing as OpenSSH's hostkeys_foreach() reads a file (hostfile.c).
// docs/security.md › SSH: "known_hosts as OpenSSH reads it: … hashed `|1|salt|hmac` names,
// `[host]:port`, `*`/`?` wildcards, `!` negation, `@revoked` (never accept), CRLF."
import { keyBlobType } from '../fingerprint.js';

export type KnownHostMarker = 'none' | 'revoked' | 'cert-authority';

/** A key type OpenSSH 9 can parse in known_hosts (sshkey_read()); others are kept but inert. */
const OPENSSH_KEY_TYPES = new Set([
  'ssh-ed25519',
  'ssh-rsa',
  'ssh-dss',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
]);

export function isOpenSshKeyType(type: string): boolean {
  return OPENSSH_KEY_TYPES.has(type.replace('-cert-v01@openssh.com', ''));
}

export interface KnownHostLine {
  file: string;
  /** 1-based, as OpenSSH and `ssh-keygen -F` number lines. */
  line: number;
  marker: KnownHostMarker;
  /** The host field verbatim: a comma list of patterns, or one `|1|salt|hmac` hashed name. */
  hosts: string;
  keyType: string;
  keyBlob: Buffer;
  comment: string;
  /**
   * False for lines OpenSSH would skip when matching (unknown marker or key type, bad base64,
   * blob type not equal to the named type). Kept so a rewrite never loses them.
   */
  usable: boolean;
  raw: string;
}

const MARKERS: Record<string, KnownHostMarker> = {
  '@revoked': 'revoked',
  '@cert-authority': 'cert-authority',
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Splits on runs of spaces/tabs, as OpenSSH's strsep-based field reader does. */
function nextField(rest: string): [string, string] {
  const trimmed = rest.replace(/^[ \t]+/, '');
  const m = /^[^ \t]*/.exec(trimmed);
  const field = m ? m[0] : '';
  return [field, trimmed.slice(field.length)];
}

/** Parses one known_hosts line; null for comments and blank lines. */
export function parseKnownHostLine(raw: string, file: string, line: number): KnownHostLine | null {
  // CRLF: OpenSSH strips trailing "\r\n" (and lone "\r") before parsing.
  const text = raw.replace(/[\r\n]+$/, '');
  const body = text.replace(/^[ \t]+/, '');
  if (body === '' || body.startsWith('#')) return null;

  let [first, rest] = nextField(body);
  let marker: KnownHostMarker = 'none';
  let usable = true;
  if (first.startsWith('@')) {
    const known = MARKERS[first];
    if (known === undefined)
      usable = false; // OpenSSH rejects unknown markers as invalid lines
    else marker = known;
    [first, rest] = nextField(rest);
  }
  const hosts = first;
  const [keyType, afterType] = nextField(rest);
  const [b64, afterKey] = nextField(afterType);
  const comment = afterKey.replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');

  let keyBlob = Buffer.alloc(0);
  if (hosts === '' || keyType === '' || !BASE64.test(b64)) {
    usable = false;
  } else {
    keyBlob = Buffer.from(b64, 'base64');
    try {
      // sshkey_read() refuses a blob whose embedded type differs from the named type.
      if (keyBlobType(keyBlob) !== keyType) usable = false;
    } catch {
      usable = false;
    }
  }
  if (!isOpenSshKeyType(keyType)) usable = false;
  return { file, line, marker, hosts, keyType, keyBlob, comment, usable, raw: text };
}

/** Parses a whole known_hosts file's text; comments and blank lines produce no entries. */
export function parseKnownHosts(text: string, file: string): KnownHostLine[] {
  const out: KnownHostLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const parsed = parseKnownHostLine(lines[i] ?? '', file, i + 1);
    if (parsed) out.push(parsed);
  }
  return out;
}
