/**
 * Named commands on the manifest directory and its backup area, each one fixed script run in
 * one round trip (node/batch/batch-script.ts; parameters arrive as "$1"…, never pasted in).
 * Listings are NUL-delimited (`find -printf … \0`) and paths follow `--` (docs/security.md
 * "Commands on a node"). Everything runs as root: kubeadm's manifests are 0600 root
 * (docs/kubelet.md §6). The save itself is in save-command.ts.
 */
import { batchArgv } from '../batch/batch-script';
import type { NodeCommand } from '../session/node-command';
import { SCRIPT_HELPERS } from './script-helpers';

/** The kubelet reads at most 10 MiB (docs/kubelet.md §1.3): read one byte more to know a file is over. */
export const KUBELET_READ_LIMIT = 10 * 1024 * 1024;
const READ_BYTES = String(KUBELET_READ_LIMIT + 1);

/** find's fields per entry: name, type, type following symlinks, size, owner, group, mode, mtime, link target. */
export const FIND_FORMAT = '%f\\0%y\\0%Y\\0%s\\0%u\\0%g\\0%m\\0%T@\\0%l\\0';

/** $1 static pod path, $2 read limit. Sections: kind, list, and per non-dot regular file n.I (name) + c.I (first bytes). */
const LIST_BODY =
  'HOOK=; ' +
  SCRIPT_HELPERS +
  `if [ ! -e "$1" ]; then emit kind missing; exit 0; fi; ` +
  `if [ -d "$1" ]; then emit kind dir; sec list find "$1" -mindepth 1 -maxdepth 1 -printf '${FIND_FORMAT}'; i=0; ` +
  // `*` skips dot names, as the kubelet's `[^.]*` glob does (docs/kubelet.md §1.2).
  'for p in "$1"/*; do [ -f "$p" ] || continue; ' +
  'emit "n.$i" "${p##*/}"; sec "c.$i" head -c "$2" -- "$p"; i=$((i+1)); done; ' +
  `else emit kind file; sec list find "$1" -maxdepth 0 -printf '${FIND_FORMAT}'; emit n.0 "\${1##*/}"; sec c.0 head -c "$2" -- "$1"; fi`;

export function listManifestsCommand(staticPodPath: string): NodeCommand {
  return {
    purpose: 'list the static pod manifest directory',
    argv: batchArgv(LIST_BODY, [staticPodPath, READ_BYTES]),
    privileged: true,
    timeoutMs: 30_000,
  };
}

/** $1 file, $2 byte limit. Sections: missing, or stat ("size user group mode mtime") and content. */
const READ_BODY =
  'HOOK=; ' +
  SCRIPT_HELPERS +
  'if [ ! -f "$1" ]; then emit missing "$1"; exit 0; fi; ' +
  'sec stat stat -L -c "%s %U %G %a %Y" -- "$1"; sec content head -c "$2" -- "$1"';

export function readFileCommand(path: string, purpose: string): NodeCommand {
  return { purpose, argv: batchArgv(READ_BODY, [path, String(12 * 1024 * 1024 + 1)]), privileged: true };
}

/** $1 backup root, $2 name. Section list: NUL-delimited path, size, sha256 triples. */
const HISTORY_BODY =
  'HOOK=; ' +
  SCRIPT_HELPERS +
  '{ for p in "$1"/kubelet-studio-backup-*/"$2" "$1"/kubelet-studio-rolledback-*/"$2"; do [ -f "$p" ] || continue; ' +
  'printf "%s\\0%s\\0%s\\0" "$p" "$(stat -c %s -- "$p")" "$(sha "$p")"; done; } >"$t/h"; emitfile list "$t/h"';

export function manifestHistoryCommand(backupRoot: string, name: string): NodeCommand {
  return {
    purpose: `list the backups of ${name}`,
    argv: batchArgv(HISTORY_BODY, [backupRoot, name]),
    privileged: true,
  };
}

/** Shared start of delete and rollback: $1 dir, $2 name, $3 expected sha256 ('' = any), $4 backup root. */
const WRITE_PROLOGUE =
  'set -u; umask 077; dir=$1; name=$2; want=$3; tmp=$4; f="$dir/$name"; HOOK=; ' +
  SCRIPT_HELPERS +
  'fail() { emit status "$1"; emit message "$2"; exit 0; }; ' +
  'conflict() { emit status conflict; emit message "$1"; [ -f "$f" ] && emit theirssha "$(sha "$f")"; exit 0; }; ' +
  '[ -L "$f" ] && fail error "$f is a symbolic link; edit the file it points to"; ' +
  '[ -d "$tmp" ] || mkdir -p -m 0700 -- "$tmp" || fail error "cannot create $tmp"; ' +
  '[ "$(stat -c %d -- "$tmp")" = "$(stat -c %d -- "$dir")" ] || fail error "$tmp is not on the filesystem of $dir, so a rename cannot be atomic"; ';

/** Delete = one rename out of the directory into a backup directory (the kubelet sees a remove, §1.7). */
const DELETE_BODY =
  WRITE_PROLOGUE +
  '[ -f "$f" ] || conflict "the file is no longer on the node"; ' +
  '[ "$(sha "$f")" = "$want" ] || conflict "the file was changed on the node after you opened it"; ' +
  'newdir "$tmp/kubelet-studio-backup" "$name" || fail error "cannot create a backup directory in $tmp"; ' +
  'mv -- "$f" "$d/$name" || fail error "cannot move $f to $d"; emit status deleted; emit backup "$d/$name"';

export function deleteManifestCommand(
  dir: string,
  name: string,
  expectedSha256: string,
  backupRoot: string,
): NodeCommand {
  return {
    purpose: `delete ${name}`,
    argv: batchArgv(DELETE_BODY, [dir, name, expectedSha256, backupRoot]),
    privileged: true,
  };
}

/**
 * Rollback = the backup renamed back into place, as kubeadm's rollbackOldManifests does
 * (docs/kubelet.md §7, docs/security.md). The version it replaces is first copied to
 * `kubelet-studio-rolledback-<stamp>/` so nothing is lost. $5 the backup to restore.
 */
const ROLLBACK_BODY =
  WRITE_PROLOGUE +
  'bk=$5; [ -f "$bk" ] || fail no-backup "the backup $bk is no longer there"; kept=; ' +
  'if [ -e "$f" ]; then [ -n "$want" ] && [ "$(sha "$f")" != "$want" ] && conflict "the file was changed on the node after you opened it"; ' +
  'newdir "$tmp/kubelet-studio-rolledback" "$name" || fail error "cannot create a directory in $tmp"; kept="$d/$name"; ' +
  'cp -p -- "$f" "$kept" || fail error "cannot keep a copy of $f"; ' +
  'elif [ -n "$want" ]; then conflict "the file is no longer on the node"; fi; ' +
  'mv -f -- "$bk" "$f" || fail error "the rename of $bk into $dir failed"; rmdir -- "${bk%/*}" 2>/dev/null; ' +
  'emit status rolled-back; emit sha "$(sha "$f")"; emit kept "$kept"';

export function rollbackManifestCommand(
  dir: string,
  name: string,
  expectedSha256: string | null,
  backupRoot: string,
  backupPath: string,
): NodeCommand {
  return {
    purpose: `roll back ${name}`,
    argv: batchArgv(ROLLBACK_BODY, [dir, name, expectedSha256 ?? '', backupRoot, backupPath]),
    privileged: true,
  };
}
