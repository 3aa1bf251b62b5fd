/**
 * `df -P -k` and `df -P -i` (POSIX output: one line per file system, never wrapped), as GNU
 * coreutils and busybox print them: `Filesystem 1024-blocks Used Available Capacity Mounted on`
 * and `Filesystem Inodes IUsed IFree IUse% Mounted on`. Rows come in the order of the paths
 * asked for.
 */
export interface DfRow {
  filesystem: string;
  total: number;
  used: number;
  available: number;
  mountedOn: string;
}

export function parseDf(text: string, blockBytes: number): DfRow[] {
  const rows: DfRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    const m = /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.+)$/.exec(line.trim());
    if (!m) continue;
    rows.push({
      filesystem: m[1] as string,
      total: Number(m[2]) * blockBytes,
      used: Number(m[3]) * blockBytes,
      available: Number(m[4]) * blockBytes,
      mountedOn: m[6] as string,
    });
    if (rows.length >= 20) break;
  }
  return rows;
}
