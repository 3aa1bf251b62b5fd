/**
 * Looks for a secret at rest (docs/security.md "Secrets", test 16): in every file under the given
 * directories and in given texts (logs, browser storage), raw, base64 (with or without
 * padding, standard and URL-safe) and hex (either case). Returns where it was found.
 */
import fs from 'node:fs';
import path from 'node:path';

export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const b64 = bytes.toString('base64');
  const hex = bytes.toString('hex');
  return [
    ...new Set([secret, b64, b64.replace(/=+$/, ''), bytes.toString('base64url'), hex, hex.toUpperCase()]),
  ];
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** `where: form` for each hit; an empty list when the secret is nowhere. */
export function findSecret(
  secret: string,
  places: { dirs?: string[]; texts?: Record<string, string> },
): string[] {
  const forms = secretForms(secret);
  const hits: string[] = [];
  const check = (where: string, content: Buffer) => {
    for (const form of forms) if (content.includes(form)) hits.push(`${where}: ${form}`);
  };
  for (const dir of places.dirs ?? []) for (const file of filesUnder(dir)) check(file, fs.readFileSync(file));
  for (const [where, text] of Object.entries(places.texts ?? {})) check(where, Buffer.from(text, 'utf8'));
  return hits;
}
