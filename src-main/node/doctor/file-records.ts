/**
 * Files read on the node by one batch section, one line each: `<base64 path> <base64 content>`
 * (FILE_RECORDS_FUNCTION). base64 keeps any name or byte from breaking the lines; the content is
 * capped on the node (`head -c`), so one huge file cannot fill the core's memory.
 */

/** Shell function `fr MAXBYTES FILTER PATH…`: FILTER is `cat` or `certs` (CERTIFICATE blocks only). */
export const FILE_RECORDS_FUNCTION =
  'certs() { sed -n "/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p"; }; ' +
  'fr() { _m=$1; _f=$2; shift 2; for _p do [ -f "$_p" ] || continue; ' +
  'printf "%s " "$(printf %s "$_p" | base64 -w0)"; head -c "$_m" -- "$_p" | $_f | base64 -w0; echo; done; return 0; }; ';

export interface FileRecord {
  path: string;
  content: string;
}

export function parseFileRecords(stdout: Buffer | string, maxRecords = 500): FileRecord[] {
  const out: FileRecord[] = [];
  for (const line of stdout.toString('latin1').split('\n')) {
    if (out.length >= maxRecords) break;
    const [path, content] = line.split(' ');
    if (!path) continue;
    out.push({
      path: Buffer.from(path, 'base64').toString('utf8'),
      content: Buffer.from(content ?? '', 'base64').toString('utf8'),
    });
  }
  return out;
}
