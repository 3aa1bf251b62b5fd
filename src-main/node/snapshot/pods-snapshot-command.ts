/**
 * Everything the Pods view needs in one remote round trip (issue 6 point 6): the runtime's
 * sandboxes and containers as JSON (crictl, run by its absolute path with the kubelet's
 * endpoint), the API server's pods on this node and whether the Node object exists (kubectl by
 * its absolute path with the node's kubeconfig, filtered by spec.nodeName, docs/kubelet.md §4),
 * the kubelet's log over a window of time wherever it is (kubelet-log-window.ts), and the static
 * pod directory with each file's content (§1.2: every name, dot files included so they can be
 * reported as ignored; no recursion). crictl's stderr noise is kept apart from its stdout (§3.5).
 * The `kubelet` section is the process that runs the kubelet (pid, host name, command line), so a
 * refresh notices a restarted kubelet, whose config may have changed (§6), without a round trip
 * of its own. Tools are never looked up on sudo's PATH (docs/distributions.md).
 */
import { batchArgv } from '../batch/batch-script';
import { LOG_WINDOW_FUNCTIONS } from '../journal/kubelet-log-window';
import type { NodeCommand } from '../session/node-command';

/** Longest manifest content read (the kubelet itself reads at most 10 MiB, §1.3). */
export const MANIFEST_READ_LIMIT = 1024 * 1024;

/**
 * The manifest listing (section `manifests`): exit 3 when the path does not exist, 4 when the
 * user may not read it. In ONE pass whatever the number of files (`lsf`, GNU find + GNU tar): a
 * line `T D` (directory) or `T S` (the path is a single file, docs/kubelet.md §1.2 point 4), then
 * one `<find %Y> <size> <r|u> <name>` record per entry (`u`: this user may not read it), each
 * ending in NUL, an empty record, then a tar stream of the readable regular files up to
 * MANIFEST_READ_LIMIT (symlinks and hard links stored as content, as the kubelet reads them).
 * `-H` follows a symlinked static pod path itself. Without GNU find/tar (busybox) the per-file
 * listing `lsm` runs instead: one line `<f|d|o|u> <base64 name> <base64 content>` per entry, after
 * a first line `S` for a single file.
 */
const MANIFEST_FUNCTIONS =
  'b64() { printf %s "$1" | base64 -w0; }; ' +
  'ent() { _n=${1##*/}; if [ -L "$1" ] && [ ! -e "$1" ]; then printf "o %s -\\n" "$(b64 "$_n")"; ' +
  'elif [ -d "$1" ]; then printf "d %s -\\n" "$(b64 "$_n")"; ' +
  'elif [ -f "$1" ] && [ ! -r "$1" ]; then printf "u %s -\\n" "$(b64 "$_n")"; ' +
  `elif [ -f "$1" ]; then printf "f %s " "$(b64 "$_n")"; head -c ${MANIFEST_READ_LIMIT} -- "$1" | base64 -w0; echo; ` +
  'else printf "o %s -\\n" "$(b64 "$_n")"; fi; }; ' +
  // A path that is not there, told apart from one behind a directory this user may not search.
  'gone() { case $(stat -L "$1" 2>&1) in *ermission*) echo "$1: Permission denied" >&2; return 4;; esac; return 3; }; ' +
  'shut() { if [ ! -r "$1" ] || [ ! -x "$1" ]; then echo "$1: Permission denied" >&2; return 0; fi; return 1; }; ' +
  'lsm() { _d=$1; if [ -f "$_d" ]; then echo S; ent "$_d"; return 0; fi; [ -d "$_d" ] || { gone "$_d"; return; }; ' +
  'shut "$_d" && return 4; ' +
  'for _f in "$_d"/* "$_d"/.[!.]* "$_d"/..?*; do { [ -e "$_f" ] || [ -L "$_f" ]; } && ent "$_f"; done; return 0; }; ' +
  'lsf() { _d=$1; if [ -f "$_d" ]; then _s=S; _a="-maxdepth 0"; _p=${_d%/*}; [ -n "$_p" ] || _p=/; ' +
  'elif [ -d "$_d" ]; then _s=D; _a="-mindepth 1 -maxdepth 1"; _p=$_d; shut "$_d" && return 4; else gone "$_d"; return; fi; ' +
  'printf "T %s\\n" "$_s"; find -H "$_d" $_a \\( -readable -printf "%Y %s r %f\\0" \\) -o -printf "%Y %s u %f\\0"; printf "\\000"; ' +
  `find -L "$_d" $_a -type f -readable -size -${MANIFEST_READ_LIMIT + 1}c -printf "%f\\0" | tar -chf - -b1 --format=gnu --hard-dereference --null --no-recursion -C "$_p" -T -; return 0; }; ` +
  'gnu() { find / -maxdepth 0 -readable -printf "" 2>/dev/null || return 1; case $(tar --version 2>/dev/null) in *GNU*) return 0;; esac; return 1; }; ';

/**
 * The process running the kubelet (`kp`): systemd's MainPID of the unit when there is one, else
 * the oldest process with that name (a /proc scan: busybox has no pgrep). Prints the pid line,
 * the host name line, then the NUL-separated command line. Parsed by parseKubeletProcessSection.
 */
const KUBELET_HOST_FUNCTION =
  'kp() { _kp=; [ -n "$_ku" ] && _kp=$(systemctl show -p MainPID --value "$_ku" 2>/dev/null); ' +
  'case "$_kp" in ""|0) _kp=; _kt=; for _kd in /proc/[0-9]*; do [ "$(cat "$_kd/comm" 2>/dev/null)" = "$_kc" ] || continue; ' +
  '_t=$(stat -c %Y "$_kd" 2>/dev/null) || continue; if [ -z "$_kt" ] || [ "$_t" -lt "$_kt" ]; then _kt=$_t; _kp=${_kd#/proc/}; fi; done;; esac; ' +
  'printf "%s\\n" "$_kp"; uname -n; [ -n "$_kp" ] && cat "/proc/$_kp/cmdline"; return 0; }; ';

/** Runs an argv given as newline-separated words in a variable, followed by the call's arguments. */
const ARGV_FUNCTIONS =
  "nl='\n'; " +
  'run() { _v=$1; shift; _o=$IFS; IFS=$nl; set -f; set -- $_v "$@"; set +f; IFS=$_o; "$@"; }; ' +
  'cr() { if [ -z "$_cr" ]; then echo "crictl not found" >&2; return 127; fi; run "$_cr" "$@"; }; ' +
  'kc() { if [ -z "$_kb" ]; then echo "kubectl not found" >&2; return 127; fi; ' +
  'if [ -n "$_kk" ]; then run "$_kb" --kubeconfig "$_kk" "$@"; else run "$_kb" "$@"; fi; }; ';

export type ApiReadMode = 'node' | 'skip' | 'none';

export interface PodsSnapshotPlan {
  nodeName: string;
  staticPodPath: string | null;
  /** `node`: kubectl on the node; `skip`: the app reads the API itself; `none`: no credentials/kubectl. */
  apiMode: ApiReadMode;
  kubeconfig: string | null;
  /** crictl's argv prefix with its global options (`--config`, `--runtime-endpoint`); [] when not found. */
  crictl: string[];
  /** kubectl's argv prefix; [] when not found. */
  kubectl: string[];
  /** Also list all Nodes (to confirm the node name by address). */
  confirmNodeName: boolean;
  /** The process that runs the kubelet: its unit and its name. */
  kubeletUnit: string | null;
  kubeletComm: string;
  /** The kubelet log window: `journal` (units/identifiers), `file`, or none. */
  log:
    | { kind: 'journal'; journalctl: string; seconds: number; units: string[]; identifiers: string[] }
    | { kind: 'file'; file: string; seconds: number }
    | { kind: 'none' }
    /** The last 300 journal lines of unit kubelet as JSON (section `journal`), as before set-ups were told apart. */
    | { kind: 'legacy' };
}

/** Positional parameters, in order (every list newline-separated). */
const PARAMS =
  '_kk=$1; _node=$2; _sp=$3; _am=$4; _cr=$5; _kb=$6; _cf=$7; _ku=$8; _kc=$9; ' +
  '_lm=${10}; _lj=${11}; _ls=${12}; _lu=${13}; _lt=${14}; _lf=${15}; ';

const BODY =
  PARAMS +
  ARGV_FUNCTIONS +
  MANIFEST_FUNCTIONS +
  KUBELET_HOST_FUNCTION +
  LOG_WINDOW_FUNCTIONS +
  'jr() { _o=$(journalctl -u kubelet -o json -n 300 --no-pager) || return $?; ' +
  'if [ -n "$_o" ]; then printf "%s\\n" "$_o"; else journalctl -t kubelet -o json -n 300 --no-pager; fi; }; ' +
  'sec kubelet kp; ' +
  'sec sandboxes cr pods -o json; ' +
  'sec containers cr ps -a -o json; ' +
  'if [ "$_am" = node ]; then sec api kc get pods -A -o json --field-selector "spec.nodeName=$_node"; ' +
  'sec node kc get node "$_node" -o name; [ "$_cf" = 1 ] && sec nodes kc get nodes -o json; fi; ' +
  'case "$_lm" in journal) sec lognow lwn; sec logwin lw "$_lj" "$_ls" "$_lu" "$_lt";; ' +
  'file) sec lognow lwn; sec logwin lwf "$_lf";; ' +
  'legacy) sec journal jr;; esac; ' +
  'if [ -n "$_sp" ]; then if gnu; then sec manifests lsf "$_sp"; else sec manifests lsm "$_sp"; fi; fi';

export function podsSnapshotPlanCommand(plan: PodsSnapshotPlan): NodeCommand {
  const log = plan.log;
  return {
    purpose: "read the node's pods (crictl, kubectl, the static pod directory and the kubelet's log)",
    argv: batchArgv(BODY, [
      plan.kubeconfig ?? '',
      plan.nodeName,
      plan.staticPodPath ?? '',
      plan.apiMode,
      plan.crictl.join('\n'),
      plan.kubectl.join('\n'),
      plan.confirmNodeName ? '1' : '0',
      plan.kubeletUnit ?? '',
      plan.kubeletComm,
      log.kind,
      log.kind === 'journal' ? log.journalctl : '',
      log.kind === 'journal' || log.kind === 'file' ? String(log.seconds) : '0',
      log.kind === 'journal' ? log.units.join('\n') : '',
      log.kind === 'journal' ? log.identifiers.join('\n') : '',
      log.kind === 'file' ? log.file : '',
    ]),
    privileged: true,
    timeoutMs: 30_000,
  };
}

/**
 * The snapshot as it ran before set-ups were told apart: kubeadm's unit and names, the tools by
 * name, the last journal lines of unit `kubelet`.
 */
export function podsSnapshotCommand(
  kubeconfig: string | null,
  nodeName: string,
  staticPodPath: string | null,
  apiMode: ApiReadMode = 'node',
): NodeCommand {
  return podsSnapshotPlanCommand({
    nodeName,
    staticPodPath,
    apiMode,
    kubeconfig,
    crictl: ['crictl'],
    kubectl: ['kubectl'],
    confirmNodeName: false,
    kubeletUnit: 'kubelet',
    kubeletComm: 'kubelet',
    log: { kind: 'legacy' },
  });
}
