/**
 * The crash-safe save of one manifest, in one round trip (docs/security.md "Writing a manifest",
 * docs/kubelet.md §7, the way kubeadm upgrades a static pod):
 *
 *   1 stage the new content (from stdin) in `<tmp>/kubelet-studio-XXXXXXXXXX/` (0700), outside
 *     the manifest directory, and check its sha256 (a cut connection leaves a short file);
 *   2 check the current file is the one the user opened (sha256), read its owner and mode;
 *   3 copy it (cp -p) to `<tmp>/kubelet-studio-backup-<UTC stamp>/<name>` (kept);
 *   4 give the staged file the old owner and mode (new files root:root 0600, as kubeadm);
 *   5 re-check the sha256 right before the rename: a foreign edit aborts the save and stays;
 *   6 ONE rename(2) into place (`mv` on the same filesystem; a new file never clobbers one
 *     created meanwhile: `mv -n`, renameat2 RENAME_NOREPLACE in coreutils 9);
 *   7 verify the sha256 in place;  8 remove the staging directory.
 *
 * Nothing is ever created or written inside the manifest directory except by that rename: the
 * kubelet re-reads a file on every write event and loads every non-dot name (§1.2, §1.7).
 * The content comes on stdin; sudo never shares stdin with its password (ssh/sudo.ts).
 */
import { createHash } from 'node:crypto';
import type { NodeCommand } from '../session/node-command';
import { SCRIPT_HELPERS } from './script-helpers';

/** The steps a test can pause at (see script-helpers.ts `step`). */
export const SAVE_STEPS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

/** $1 dir, $2 name, $3 expected sha256 ('' = new file), $4 new sha256, $5 tmp root, $6 hook, $7 hook step. */
const SAVE_BODY =
  'set -u; umask 077; dir=$1; name=$2; want=$3; newsha=$4; tmp=$5; HOOK=$6; HOOKAT=$7; f="$dir/$name"; stage=; ' +
  SCRIPT_HELPERS +
  'trap \'[ -z "$stage" ] || rm -rf -- "$stage"\' EXIT; trap "exit 129" HUP; trap "exit 141" PIPE; trap "exit 143" TERM INT; ' +
  'fail() { emit status "$1"; emit message "$2"; exit 0; }; ' +
  'conflict() { emit status conflict; emit message "$1"; if [ -f "$f" ]; then emit theirssha "$(sha "$f")"; emitfile theirs "$f"; fi; exit 0; }; ' +
  '[ -d "$dir" ] || fail error "the manifest directory $dir does not exist"; ' +
  '[ -L "$f" ] && fail error "$f is a symbolic link; edit the file it points to"; ' +
  '[ -e "$f" ] && [ ! -f "$f" ] && fail error "$f is not a regular file"; ' +
  'step 1; ' +
  '[ -d "$tmp" ] || mkdir -p -m 0700 -- "$tmp" || fail error "cannot create $tmp"; ' +
  // One stat for both devices: a rename is atomic only within one filesystem (docs/kubelet.md §7).
  'devs=$(stat -c %d -- "$tmp" "$dir") || fail error "cannot stat $tmp"; ' +
  '[ "${devs%%[!0-9]*}" = "${devs##*[!0-9]}" ] || fail error "$tmp is not on the filesystem of $dir, so a rename cannot be atomic"; ' +
  'stage=$(mktemp -d "$tmp/kubelet-studio-XXXXXXXXXX") || fail error "cannot create a staging directory in $tmp"; ' +
  'cat >"$stage/$name" || fail error "cannot write the staged copy"; ' +
  'digest "$stage/$name"; [ "$h" = "$newsha" ] || fail error "the new content arrived incomplete (the connection may have been cut); nothing was changed"; ' +
  'sync -- "$stage/$name" 2>/dev/null; ' +
  'step 2; ' +
  'if [ -n "$want" ]; then [ -f "$f" ] || conflict "the file was deleted on the node after you opened it"; ' +
  'digest "$f"; [ "$h" = "$want" ] || conflict "the file was changed on the node after you opened it"; ' +
  'om=$(stat -c "%u:%g %a" -- "$f") || fail error "cannot stat $f"; own=${om% *}; mode=${om#* }; ' +
  'else [ -e "$f" ] && conflict "a file with this name was created on the node meanwhile"; ' +
  'u=$(id -u); if [ "$u" = 0 ]; then own=0:0; else own=$u:$(id -g); fi; mode=600; fi; ' +
  'step 3; bk=; ' +
  'if [ -n "$want" ]; then newdir "$tmp/kubelet-studio-backup" "$name" || fail error "cannot create a backup directory in $tmp"; bk="$d/$name"; ' +
  'cp -p -- "$f" "$bk" || fail error "cannot copy $f to $bk"; ' +
  'digest "$bk"; [ "$h" = "$want" ] || conflict "the file changed on the node while it was being backed up"; fi; ' +
  'step 4; ' +
  'chown -- "$own" "$stage/$name" || fail error "cannot set owner $own on the staged copy"; ' +
  'chmod -- "$mode" "$stage/$name" || fail error "cannot set mode $mode on the staged copy"; ' +
  'step 5; ' +
  'if [ -n "$want" ]; then { [ -f "$f" ] && digest "$f" && [ "$h" = "$want" ]; } || conflict "the file was changed on the node during the save"; ' +
  'else [ -e "$f" ] && conflict "a file with this name was created on the node during the save"; fi; ' +
  'step 6; ' +
  'if [ -n "$want" ]; then mv -f -- "$stage/$name" "$f" || fail error "the rename into $dir failed"; ' +
  'else mv -n -- "$stage/$name" "$f" || fail error "the rename into $dir failed"; ' +
  '[ -e "$stage/$name" ] && conflict "a file with this name was created on the node during the save"; fi; ' +
  'step 7; ' +
  'digest "$f"; [ "$h" = "$newsha" ] || fail error "after the rename $f has other content: something else wrote it just now"; ' +
  'step 8; rm -rf -- "$stage"; stage=; ' +
  // emit status saved, with "saved" in base64 already (one fork fewer).
  'printf "@@ks status 0\\n%s\\n\\n" c2F2ZWQ=; emit backup "$bk"; emit owner "$(stat -c "%U %G %a" -- "$f")"';

export interface SaveCommandInput {
  manifestDir: string;
  name: string;
  content: Buffer;
  expectedSha256: string | null;
  backupRoot: string;
  /** Test only: pause at the start of this step, creating `<hookPrefix>.<step>`. */
  hook?: { prefix: string; step: number };
}

export function sha256Hex(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

export function saveManifestCommand(input: SaveCommandInput): NodeCommand {
  return {
    purpose: `save ${input.name}`,
    // No batch prologue: the save runs no `sec` and needs no scratch directory (two forks fewer).
    argv: [
      '/bin/sh',
      '-c',
      SAVE_BODY,
      'kubelet-studio',
      input.manifestDir,
      input.name,
      input.expectedSha256 ?? '',
      sha256Hex(input.content),
      input.backupRoot,
      input.hook?.prefix ?? '',
      String(input.hook?.step ?? ''),
    ],
    privileged: true,
    stdin: input.content,
    timeoutMs: 60_000,
  };
}
