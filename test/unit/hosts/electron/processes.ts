import fs from 'node:fs';

/** The pids whose command line mentions `text` (from /proc, as ps reads it). */
export function processesRunning(text: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const state = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmdline.includes(text) && state !== 'Z') found.push(Number(entry));
    } catch {
      // gone while reading
    }
  }
  return found;
}
