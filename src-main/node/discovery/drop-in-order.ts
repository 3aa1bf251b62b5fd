/**
 * Which files of a `--config-dir` the kubelet applies, and in what order
 * (kubernetes/kubernetes cmd/kubelet/app/server.go `mergeKubeletConfigurations`; docs/kubelet.md
 * §6): `filepath.WalkDir` over the directory — depth first, each directory's entries in byte
 * order of their names (os.ReadDir sorts them), subdirectories entered where they sort — and a
 * file counts when it is not a directory and `filepath.Ext(name) == ".conf"` (case-sensitive;
 * `x.conf.bak` does not count, a dot-file `.x.conf` does). A symlink is not a directory to
 * WalkDir, so a link named `*.conf` is read through; WalkDir does not enter a linked directory,
 * and does not walk a root that is itself a symlink.
 */

export interface DropInEntry {
  /** Absolute path on the node. */
  path: string;
  kind: 'dir' | 'file';
}

/** Go's filepath.Ext: from the last dot of the last element, or '' (a leading dot counts). */
export function goExt(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot);
}

/** WalkDir's pre-order: compare component by component, each in UTF-8 byte order. */
export function walkDirCompare(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = Buffer.compare(Buffer.from(pa[i] ?? '', 'utf8'), Buffer.from(pb[i] ?? '', 'utf8'));
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
}

/** The drop-ins the kubelet applies, first to last. */
export function dropInOrder(entries: readonly DropInEntry[]): string[] {
  return entries
    .filter((e) => e.kind === 'file' && goExt(e.path) === '.conf')
    .map((e) => e.path)
    .sort(walkDirCompare);
}

/** Most entries read from one drop-in tree (a runaway tree must not flood the core). */
export const MAX_DROP_IN_ENTRIES = 512;

/**
 * The listing printed by DROP_IN_LIST_SCRIPT: `d <path>` or `f <path>` records, each ended by
 * NUL (names may hold newlines). Unknown records are skipped; at most MAX_DROP_IN_ENTRIES.
 */
export function parseDropInListing(stdout: Buffer | string): { entries: DropInEntry[]; truncated: boolean } {
  const text = typeof stdout === 'string' ? stdout : stdout.toString('utf8');
  const entries: DropInEntry[] = [];
  let truncated = false;
  for (const record of text.split('\0')) {
    const kind = record.startsWith('d ') ? 'dir' : record.startsWith('f ') ? 'file' : null;
    if (!kind) continue;
    if (entries.length >= MAX_DROP_IN_ENTRIES) {
      truncated = true;
      break;
    }
    entries.push({ kind, path: record.slice(2) });
  }
  return { entries, truncated };
}

/**
 * A shell function body, POSIX sh + find (busybox's too): `$1` is the directory. Returns 3 when
 * it does not exist, 4 when it is a symlink (the kubelet does not walk it), 5 when it is not a
 * directory.
 */
export const DROP_IN_LIST_SCRIPT =
  // A directory behind one this user may not search is not "missing" (exit 6): its values are unknown.
  '[ -L "$1" ] && return 4; [ -e "$1" ] || { case $(stat -L "$1" 2>&1) in *ermission*) echo "$1: Permission denied" >&2; return 6;; esac; return 3; }; ' +
  '[ -d "$1" ] || return 5; ' +
  'find "$1" -mindepth 1 -type d -exec printf "d %s\\0" {} + && ' +
  'find "$1" -mindepth 1 ! -type d -exec printf "f %s\\0" {} +';
