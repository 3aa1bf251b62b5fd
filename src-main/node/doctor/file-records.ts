/**
 * Files read on the node by one batch section, one line each: `<base64 path> <base64 content>`
 * (the `fr` function of file-records.sh). base64 keeps any name or byte from breaking the lines;
 * the content is capped on the node (`head -c`), so one huge file cannot fill the core's memory.
 */
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
