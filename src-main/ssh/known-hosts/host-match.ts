// Host-name matching for known_hosts, as OpenSSH's match_hostname()/match_pattern_list() and
// the hashed-name check in hostfile.c do it.
// docs/security.md › SSH: hashed names, `[host]:port`, `*`/`?` wildcards, `!` negation.
import { createHmac, randomBytes } from 'node:crypto';

/**
 * The name OpenSSH looks up: the host lower-cased, and `[host]:port` unless the port is 22
 * (put_host_port() in misc.c writes port 22 bare).
 */
export function lookupName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

/** Glob match with `*` (any run) and `?` (one char), case-insensitive (match_pattern()). */
export function globMatch(name: string, pattern: string): boolean {
  const s = name.toLowerCase();
  const p = pattern.toLowerCase();
  // Iterative wildcard matcher with backtracking to the last `*`: linear-ish, no regex building
  // from untrusted file content.
  let si = 0;
  let pi = 0;
  let starP = -1;
  let starS = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === s[si])) {
      si++;
      pi++;
    } else if (pi < p.length && p[pi] === '*') {
      starP = pi++;
      starS = si;
    } else if (starP >= 0) {
      pi = starP + 1;
      si = ++starS;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/**
 * match_hostname(): a comma list where a matching `!pattern` makes the whole list not match
 * (returns false even if a positive pattern matched too); otherwise true if any positive matched.
 */
export function matchHostPatterns(name: string, patterns: string): boolean {
  let positive = false;
  for (const sub of patterns.split(',')) {
    if (sub === '') continue;
    const negated = sub.startsWith('!');
    const pat = negated ? sub.slice(1) : sub;
    if (globMatch(name, pat)) {
      if (negated) return false;
      positive = true;
    }
  }
  return positive;
}

const HASH_MAGIC = '|1|';

/** `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`, as `ssh-keygen -H` writes it. */
export function hashHostName(name: string, salt: Buffer = randomBytes(20)): string {
  const mac = createHmac('sha1', salt).update(name).digest('base64');
  return `${HASH_MAGIC}${salt.toString('base64')}|${mac}`;
}

/** True when a `|1|salt|hmac` field is the hash of `name`; false for malformed fields. */
export function matchHashedName(name: string, field: string): boolean {
  if (!field.startsWith(HASH_MAGIC)) return false;
  const parts = field.slice(HASH_MAGIC.length).split('|');
  if (parts.length !== 2) return false;
  const [saltB64, macB64] = parts as [string, string];
  const salt = Buffer.from(saltB64, 'base64');
  // OpenSSH requires a SHA1-sized salt (extract_salt()).
  if (salt.length !== 20) return false;
  const expected = createHmac('sha1', salt).update(name).digest('base64');
  return expected === macB64;
}

/** Whether a known_hosts host field matches the lookup name (hashed or pattern list). */
export function hostFieldMatches(name: string, field: string): boolean {
  if (field.startsWith('|')) return matchHashedName(name, field);
  return matchHostPatterns(name, field);
}
