/**
 * The kubelet's eviction manager, for the DiskPressure condition only: the hard thresholds'
 * Linux defaults `nodefs.available<10%`, `nodefs.inodesFree<5%`, `imagefs.available<15%`
 * [src: pkg/kubelet/eviction/defaults_linux.go] against statfs of the kubelet's root (nodefs)
 * and of the runtime's image filesystem (imagefs, the directory `crictl imagefsinfo` names).
 * statfs is what cadvisor reads, and what `df` shows. A path that does not exist yet is measured
 * on its nearest existing parent (the filesystem it would be on). The node's evictionHard is not
 * read (test nodes set none).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface PressureSignal {
  signal: 'nodefs.available' | 'nodefs.inodesFree' | 'imagefs.available';
  /** Percent available. */
  available: number;
  threshold: number;
}

function statfs(target: string): fs.StatsFs | null {
  let p = target;
  for (;;) {
    try {
      return fs.statfsSync(p);
    } catch {
      const parent = path.dirname(p);
      if (parent === p) return null;
      p = parent;
    }
  }
}

const pct = (free: number, total: number) => (total > 0 ? (free / total) * 100 : 100);

/** The first signal below its threshold, or null (no pressure, or nothing measurable). */
export function diskPressureSignal(nodefs: string, imagefs: string): PressureSignal | null {
  const n = statfs(nodefs);
  const i = statfs(imagefs);
  const signals: PressureSignal[] = [];
  if (n) {
    signals.push({ signal: 'nodefs.available', available: pct(n.bavail, n.blocks), threshold: 10 });
    if (n.files > 0)
      signals.push({ signal: 'nodefs.inodesFree', available: pct(n.ffree, n.files), threshold: 5 });
  }
  if (i) signals.push({ signal: 'imagefs.available', available: pct(i.bavail, i.blocks), threshold: 15 });
  return signals.find((s) => s.available < s.threshold) ?? null;
}
