/**
 * Shell helpers shared by the fixed manifest scripts (manifest-helpers.sh). They run after the
 * batch prologue (node/batch/batch-script.ts; the save runs without it), so their output uses
 * the same frames and parseBatchOutput reads it: `emit NAME VALUE` and `emitfile NAME PATH`
 * print one section whose stdout is the value (base64 on the wire, so any byte survives).
 *
 * `step N` marks the start of step N of a write. It prints a frame, so a script whose channel
 * is gone dies of SIGPIPE at its next step at the latest (a lost connection aborts a save before
 * its rename, never in the middle of one); run by NodeSession it is stopped (TERM) at once.
 * With the test-only hook ($HOOK non-empty and $HOOKAT = N) it creates `$HOOK.N` and waits (at
 * most ~10 s) until the test removes it: the crash tests kill the connection, the app or the
 * script exactly there. Production passes an empty hook.
 *
 * Also here: where backups go and how their directories are named.
 */
import SCRIPT_HELPERS from './manifest-helpers.sh';

export { SCRIPT_HELPERS };

/** The directory that holds staging and backups: `<dirname(staticPodPath)>/tmp` (kubeadm's /etc/kubernetes/tmp). */
export function backupRootOf(manifestDir: string): string {
  const trimmed = manifestDir.replace(/\/+$/, '') || '/';
  const parent = trimmed.slice(0, trimmed.lastIndexOf('/')) || '/';
  return parent === '/' ? '/tmp/kubelet-studio' : `${parent}/tmp`;
}

/** Backup directories: `kubelet-studio-backup-<stamp>[.N]` (kept), `kubelet-studio-rolledback-<stamp>[.N]`. */
export const BACKUP_DIR_PATTERN =
  /^kubelet-studio-(backup|rolledback)-(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})(?:\.(\d+))?$/;

/** True when `path` is `<backupRoot>/kubelet-studio-(backup|rolledback)-…/<one name>`. */
export function isBackupPath(path: string, manifestDir: string): boolean {
  const root = backupRootOf(manifestDir);
  if (!path.startsWith(`${root}/`)) return false;
  const rest = path.slice(root.length + 1).split('/');
  return (
    rest.length === 2 &&
    BACKUP_DIR_PATTERN.test(rest[0] ?? '') &&
    !!rest[1] &&
    rest[1] !== '.' &&
    rest[1] !== '..'
  );
}

/** ms since the epoch of a backup directory's UTC stamp, or 0. */
export function backupTime(dirName: string): number {
  const m = BACKUP_DIR_PATTERN.exec(dirName);
  if (!m) return 0;
  const [y, mo, d, h, mi, s] = m.slice(2, 8).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}
