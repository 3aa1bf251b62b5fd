/**
 * Follows a log file on a node without losing lines across rotation, truncation and
 * reconnects (issue: RKE2's agent/logs/kubelet.log, a kubelet's --log-file): the journal's cursor
 * becomes a checkpoint of (inode, byte offset).
 *
 * The script keeps the file it reads open on fd 3 and reads through /proc/$$/fd/3, which still
 * reaches a file after it was renamed or deleted: lumberjack (RKE2's rotating writer) renames
 * kubelet.log to kubelet-<time>.log, creates a new kubelet.log and compresses the old one in
 * the background (gopkg.in/natefinch/lumberjack.v2 `rotate`, `openNew`, `millRunOnce`). When the
 * path names another inode and the open file has no more bytes, the old file is complete and
 * the script moves to the new one. A resume names its checkpoint: the same inode at the path
 * continues at the offset; a rotated-away inode is found among the siblings by inode number and
 * finished first; an inode that is gone (compressed, deleted) is a gap, reported, never hidden.
 *
 * Output frames (parsed by file-follow-frames.ts): a header line `@@ksf <kind> …`, then for
 * `data` exactly <length> bytes. POSIX sh with stat -c, tail -c, head -c, md5sum, cut, mktemp,
 * sleep: GNU and busybox alike. Each chunk is at most CHUNK_BYTES.
 */
import type { NodeCommand } from '../session/node-command';

export const CHUNK_BYTES = 256 * 1024;
/** Bytes at the start of a file that identify it across inode reuse. */
export const FINGERPRINT_BYTES = 64;

/**
 * $1 path, $2 checkpoint inode ('' for a fresh start), $3 checkpoint offset, $4 `1` to follow,
 * $5 history bytes for a fresh start, $6 poll seconds, $7 and $8 the checkpoint file's
 * fingerprint (md5 of its first $8 bytes): an inode number is reused once a file is deleted,
 * so a resume trusts an inode only when its first bytes are the same.
 */
export const FILE_FOLLOW_SCRIPT =
  'f=$1; wi=$2; off=$3; fol=$4; hist=$5; poll=$6; wfp=$7; wlen=$8; T=$(mktemp) || exit 70; trap \'rm -f "$T"\' EXIT; ' +
  'fd3="/proc/$$/fd/3"; cfl=-1; cfp=; ' +
  'ino() { stat -L -c %i "$1" 2>/dev/null; }; ' +
  'sz() { stat -L -c %s "$fd3" 2>/dev/null; }; ' +
  'fp() { head -c "$2" "$1" 2>/dev/null | md5sum | cut -c1-32; }; ' +
  'same() { [ "$(ino "$1")" = "$wi" ] && { [ "${wlen:-0}" = 0 ] || [ "$(fp "$1" "$wlen")" = "$wfp" ]; }; }; ' +
  'op() { exec 3<"$1" || return 1; cur=$(ino "$fd3"); cfl=-1; }; ' +
  // The open file's fingerprint grows with it up to FINGERPRINT_BYTES, and is announced when it changes.
  `mark() { [ "$cfl" -ge ${FINGERPRINT_BYTES} ] && return 0; _l=$1; [ "$_l" -gt ${FINGERPRINT_BYTES} ] && _l=${FINGERPRINT_BYTES}; ` +
  '[ "$_l" = "$cfl" ] && return 0; cfl=$_l; cfp=$(fp "$fd3" "$cfl"); printf "@@ksf file %s %s %s\\n" "$cur" "$cfl" "$cfp"; }; ' +
  // emit: copy up to CHUNK bytes from $off into a temp file, frame it with its real length.
  `emit() { mark "$1"; _n=$(( $1 - off )); [ "$_n" -gt ${CHUNK_BYTES} ] && _n=${CHUNK_BYTES}; ` +
  'tail -c +$((off + 1)) "$fd3" 2>/dev/null | head -c "$_n" >"$T"; _m=$(stat -c %s "$T"); ' +
  '[ "$_m" -gt 0 ] || return 1; printf "@@ksf data %s %s %s\\n" "$cur" "$off" "$_m"; cat "$T"; off=$((off + _m)); return 0; }; ' +
  'if [ -n "$wi" ]; then ' +
  '  if same "$f"; then op "$f" || exit 2; ' +
  '  else _found=; for _g in "${f%/*}"/* "${f%/*}"/.[!.]*; do [ -f "$_g" ] || continue; ' +
  '    if same "$_g"; then op "$_g" && _found=$_g; break; fi; done; ' +
  '    if [ -n "$_found" ]; then printf "@@ksf rotated-away %s\\n" "$(printf %s "$_found" | base64 -w0)"; ' +
  '    else printf "@@ksf gap gone %s\\n" "$wi"; op "$f" || exit 2; off=0; fi; fi; ' +
  '  _s=$(sz); if [ -n "$_s" ] && [ "$_s" -lt "$off" ]; then printf "@@ksf gap truncated %s\\n" "$cur"; off=0; fi; ' +
  'else op "$f" || exit 2; _s=$(sz); off=0; [ "$_s" -gt "$hist" ] && off=$((_s - hist)); ' +
  '  printf "@@ksf start %s %s\\n" "$cur" "$off"; fi; ' +
  'while :; do _s=$(sz); [ -n "$_s" ] || _s=0; ' +
  '  if [ "$_s" -gt "$off" ]; then emit "$_s" && continue; fi; ' +
  '  if [ "$_s" -lt "$off" ]; then printf "@@ksf gap truncated %s\\n" "$cur"; off=0; cfl=-1; continue; fi; ' +
  '  _p=$(ino "$f"); if [ -n "$_p" ] && [ "$_p" != "$cur" ]; then ' +
  '    _s=$(sz); [ -n "$_s" ] && [ "$_s" -gt "$off" ] && continue; ' +
  '    op "$f" || { sleep "$poll"; continue; }; off=0; printf "@@ksf rotated %s\\n" "$cur"; continue; fi; ' +
  '  [ "$fol" = 1 ] || break; sleep "$poll"; done; exit 0';

export interface FileCheckpoint {
  inode: string;
  offset: number;
  /** md5 of the file's first `fingerprintBytes` bytes, when known. */
  fingerprint?: string;
  fingerprintBytes?: number;
}

export interface FileFollowQuery {
  path: string;
  follow: boolean;
  /** Bytes of history read on a fresh start (from the end of the file). */
  historyBytes: number;
  /** Where the last delivered complete line ended; a resume starts there. */
  checkpoint?: FileCheckpoint | null;
  pollSeconds?: number;
}

export function fileFollowCommand(q: FileFollowQuery): NodeCommand {
  return {
    purpose: q.follow ? `follow ${q.path}` : `read ${q.path}`,
    argv: [
      '/bin/sh',
      '-c',
      FILE_FOLLOW_SCRIPT,
      'kubelet-studio',
      q.path,
      q.checkpoint?.inode ?? '',
      String(q.checkpoint?.offset ?? 0),
      q.follow ? '1' : '0',
      String(Math.max(0, Math.floor(q.historyBytes))),
      String(q.pollSeconds ?? 1),
      q.checkpoint?.fingerprint ?? '',
      String(q.checkpoint?.fingerprintBytes ?? 0),
    ],
    privileged: true,
    timeoutMs: q.follow ? undefined : 120_000,
  };
}
