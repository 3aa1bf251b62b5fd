/**
 * Shell helpers shared by the fixed manifest scripts. They run after the batch prologue
 * (node/batch/batch-script.ts; the save runs without it), so their output uses the same frames and parseBatchOutput
 * reads it: `emit NAME VALUE` and `emitfile NAME PATH` print one section whose stdout is the
 * value (base64 on the wire, so any byte survives).
 *
 * `step N` marks the start of step N of a write. It prints a frame, so a script whose channel
 * is gone dies of SIGPIPE at its next step at the latest (a lost connection aborts a save before
 * its rename, never in the middle of one); run by NodeSession it is stopped (TERM) at once. With the test-only hook ($HOOK non-empty and $HOOKAT = N) it
 * creates `$HOOK.N` and waits (at most ~10 s) until the test removes it: the crash tests kill
 * the connection, the app or the script exactly there. Production passes an empty hook.
 */
/** `N) printf <the frame of "emit step N">;;` for the save's steps, with N's base64 worked out here. */
const STEP_FRAMES = [1, 2, 3, 4, 5, 6, 7, 8]
  .map((n) => `${n}) printf "@@ks step 0\\n${Buffer.from(String(n)).toString('base64')}\\n\\n";;`)
  .join(' ');

export const SCRIPT_HELPERS =
  'emit() { printf "@@ks %s 0\\n" "$1"; printf %s "$2" | base64 -w0; echo; echo; }; ' +
  'emitfile() { printf "@@ks %s 0\\n" "$1"; base64 -w0 <"$2"; echo; echo; }; ' +
  'sha() { sha256sum <"$1" | cut -c1-64; }; ' +
  // The save's hot path forks as little as it can (each fork+exec costs ms on a loaded node):
  // `digest F` sets $h with one process, and a step's frame is printed by the shell itself.
  'digest() { h=$(sha256sum <"$1") || h=; h=${h%% *}; }; ' +
  `step() { case $1 in ${STEP_FRAMES} *) emit step "$1";; esac; ` +
  'if [ -n "$HOOK" ] && [ "$HOOKAT" = "$1" ]; then : >"$HOOK.$1"; i=0; ' +
  'while [ -e "$HOOK.$1" ] && [ "$i" -lt 1000 ]; do sleep 0.01; i=$((i+1)); done; fi; }; ' +
  // A stamp like kubeadm's backup directories (docs/kubelet.md §7), made unique per manifest name.
  'newdir() { s=$(date -u +%Y-%m-%d-%H-%M-%S); d="$1-$s"; n=0; ' +
  'while [ -e "$d/$2" ]; do n=$((n+1)); d="$1-$s.$n"; done; mkdir -p -m 0700 -- "$d" || return 1; }; ';

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
