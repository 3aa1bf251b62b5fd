/**
 * Everything the Pods view needs in one remote round trip (issue 6 point 6): the runtime's
 * sandboxes and containers as JSON (crictl), the API server's pods on this node and whether the
 * Node object exists (kubectl with the node's kubeconfig, filtered by spec.nodeName,
 * docs/kubelet.md §4), the last 300 kubelet journal lines (§5.2; `-t kubelet` when `-u` finds
 * nothing, §5.1) and the static pod directory with each file's content (§1.2: every name, dot
 * files included so they can be reported as ignored; no recursion). crictl's stderr noise is
 * kept apart from its stdout (§3.5). The `kubelet` section is the kubelet process (pid, host
 * name, command line), so a refresh notices a restarted kubelet, whose config may have changed
 * (§6), without a round trip of its own.
 */
import { batchArgv } from '../batch/batch-script';
import { KUBELET_PROCESS_FUNCTION } from '../discovery/discovery-commands';
import type { NodeCommand } from '../session/node-command';

/** Longest manifest content read (the kubelet itself reads at most 10 MiB, §1.3). */
export const MANIFEST_READ_LIMIT = 1024 * 1024;

/**
 * $1 kubeconfig ('' to let kubectl choose), $2 node name, $3 static pod path ('' when none),
 * Helper variables start with `_`: shell functions share globals with the prologue's `sec`.
 * $4 `node` to read the API with kubectl on the node, `skip` when the app reads it itself.
 * The `manifests` section (exit 3 when the path does not exist) is read in ONE pass whatever the
 * number of files (`lsf`, GNU find + GNU tar): a line `T D` (directory) or `T S` (the path is a
 * single file, docs/kubelet.md §1.2 point 4), then one `<find %Y> <size> <name>` record per entry,
 * each ending in NUL, an empty record, then a tar stream of the regular files up to
 * MANIFEST_READ_LIMIT (symlinks and hard links stored as content, as the kubelet reads them). `-H` follows a
 * symlinked static pod path itself. On nodes without GNU find/tar (busybox) the old per-file
 * listing `lsm` runs instead: one line `<f|d|o> <base64 name> <base64 content>` per entry,
 * after a first line `S` for a single file.
 */
const BODY =
  'kc() { _k=$1; shift; if [ -n "$_k" ]; then kubectl --kubeconfig "$_k" "$@"; else kubectl "$@"; fi; }; ' +
  'b64() { printf %s "$1" | base64 -w0; }; ' +
  'ent() { _n=${1##*/}; if [ -L "$1" ] && [ ! -e "$1" ]; then printf "o %s -\\n" "$(b64 "$_n")"; ' +
  'elif [ -d "$1" ]; then printf "d %s -\\n" "$(b64 "$_n")"; ' +
  `elif [ -f "$1" ]; then printf "f %s " "$(b64 "$_n")"; head -c ${MANIFEST_READ_LIMIT} -- "$1" | base64 -w0; echo; ` +
  'else printf "o %s -\\n" "$(b64 "$_n")"; fi; }; ' +
  'lsm() { _d=$1; if [ -f "$_d" ]; then echo S; ent "$_d"; return 0; fi; [ -d "$_d" ] || return 3; ' +
  'for _f in "$_d"/* "$_d"/.[!.]* "$_d"/..?*; do { [ -e "$_f" ] || [ -L "$_f" ]; } && ent "$_f"; done; return 0; }; ' +
  'lsf() { _d=$1; if [ -f "$_d" ]; then _s=S; _a="-maxdepth 0"; _p=${_d%/*}; [ -n "$_p" ] || _p=/; ' +
  'elif [ -d "$_d" ]; then _s=D; _a="-mindepth 1 -maxdepth 1"; _p=$_d; else return 3; fi; ' +
  'printf "T %s\\n" "$_s"; find -H "$_d" $_a -printf "%Y %s %f\\0"; printf "\\000"; ' +
  `find -L "$_d" $_a -type f -size -${MANIFEST_READ_LIMIT + 1}c -printf "%f\\0" | tar -chf - -b1 --format=gnu --hard-dereference --null --no-recursion -C "$_p" -T -; return 0; }; ` +
  'gnu() { find / -maxdepth 0 -printf "" 2>/dev/null || return 1; case $(tar --version 2>/dev/null) in *GNU*) return 0;; esac; return 1; }; ' +
  'jr() { _o=$(journalctl -u kubelet -o json -n 300 --no-pager) || return $?; ' +
  'if [ -n "$_o" ]; then printf "%s\\n" "$_o"; else journalctl -t kubelet -o json -n 300 --no-pager; fi; }; ' +
  KUBELET_PROCESS_FUNCTION +
  'sec kubelet kp; ' +
  'sec sandboxes crictl pods -o json; ' +
  'sec containers crictl ps -a -o json; ' +
  'if [ "$4" = node ]; then sec api kc "$1" get pods -A -o json --field-selector "spec.nodeName=$2"; ' +
  'sec node kc "$1" get node "$2" -o name; fi; ' +
  'sec journal jr; ' +
  'if [ -n "$3" ]; then if gnu; then sec manifests lsf "$3"; else sec manifests lsm "$3"; fi; fi';

export type ApiReadMode = 'node' | 'skip';

export function podsSnapshotCommand(
  kubeconfig: string | null,
  nodeName: string,
  staticPodPath: string | null,
  apiMode: ApiReadMode = 'node',
): NodeCommand {
  return {
    purpose: "read the node's pods (crictl, kubectl, the static pod directory and the kubelet journal)",
    argv: batchArgv(BODY, [kubeconfig ?? '', nodeName, staticPodPath ?? '', apiMode]),
    privileged: true,
    timeoutMs: 30_000,
  };
}
