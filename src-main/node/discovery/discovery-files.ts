/**
 * Discovery's second look, as root where the login allows (node-facts.ts was the first, as the
 * user): in one round trip, the files the kubelet's flags and the set-up name — config file,
 * the whole drop-in tree, k3s/RKE2 config files and unit environment, /etc/rancher/node/id,
 * MicroK8s's kubelet args file, crictl.yaml candidates —, which kubeconfigs are readable, the
 * tools at each candidate path with their versions, where the kubelet's stderr goes, and for
 * k3s the `Running kubelet …` line of the current run (the embedded kubelet's only command line,
 * docs/distributions.md "k3s"). Every file is read bounded (FILE_READ_LIMIT).
 */
import { batchArgv, parseBatchOutput, type BatchSection } from '../batch/batch-script';
import type { NodeCommand } from '../session/node-command';
import { KUBECONFIG_CHECK_BODY, parseKubeconfigCheck, type KubeconfigAccess } from './api-credentials';
import { DROP_IN_LIST_SCRIPT, parseDropInListing, type DropInEntry } from './drop-in-order';
import type { ReadFile } from './kubelet-config-merge';
import { TOOL_PROBE_BODY } from './tool-paths';
import { KUBELET_VERSION_BODY, parseProbeAnswers, type ProbeAnswer } from './kubelet-version-probe';

/** A kubelet config, a drop-in or a k3s config is a few KiB; more than this is not a config. */
export const FILE_READ_LIMIT = 256 * 1024;
const MAX_FILES = 96;

export interface DiscoveryFilesRequest {
  /** Files to read (config, k3s configs, env files, node id, args files, crictl.yaml …). */
  files: string[];
  /** `--config-dir` trees to list and read (their `*.conf` files). */
  dropInDirs: string[];
  /** Globs whose matches are read too (k3s's config.yaml.d/*.yaml), alphabetically. */
  globs: string[];
  kubeconfigs: string[];
  /** Tool candidates as TOOL_PROBE_BODY triples. */
  toolTriples: string[];
  /** The kubelet's pid, to read where its stderr goes; null when it has no process. */
  kubeletPid: number | null;
  /** k3s: journalctl, unit and start time (epoch seconds) to find `Running kubelet` of this run. */
  k3sJournal: { journalctl: string; unit: string; since: number } | null;
  /** The kubelet's `--version` probes (kubelet-version-probe.ts probesParam), '' for none. */
  versionProbes: string;
}

/**
 * Functions: `rdf` reads each path argument (`F <b64 path> <0 read|1 refused|2 missing> <b64
 * content> <b64 stderr>`),
 * `rdd` lists a drop-in tree and reads its `*.conf` files, `rdg` reads a glob's matches,
 * `rk3` finds the first `Running kubelet` line since the process started, `kv` asks the kubelet's
 * binary its version.
 */
const BODY =
  `rd1() { _e=$(mktemp); _c=$(head -c ${FILE_READ_LIMIT + 1} -- "$1" 2>"$_e" | base64 -w0; exit 0); ` +
  '[ -s "$_e" ] && _r=1 || _r=0; [ -r "$1" ] || _r=1; [ -e "$1" ] || _r=2; ' +
  'printf "F %s %s %s %s\\n" "$(printf %s "$1" | base64 -w0)" "$_r" "$_c" "$(base64 -w0 <"$_e")"; rm -f "$_e"; }; ' +
  'rdf() { for _x do rd1 "$_x"; done; return 0; }; ' +
  `rdl() { ${DROP_IN_LIST_SCRIPT}; }; ` +
  `rdd() { _n=0; rdl "$1" >"$t/l" 2>"$t/le"; _lc=$?; printf "L %s %s %s %s\\n" "$(printf %s "$1" | base64 -w0)" "$_lc" "$(base64 -w0 <"$t/l")" "$(base64 -w0 <"$t/le")"; ` +
  `[ "$_lc" = 0 ] || return 0; tr '\\0' '\\n' <"$t/l" | while IFS= read -r _p; do case "$_p" in "f "*.conf) _n=$((_n+1)); [ "$_n" -le ${MAX_FILES} ] && rd1 "\${_p#f }";; esac; done; return 0; }; ` +
  'rdg() { for _x do [ -e "$_x" ] && rd1 "$_x"; done; return 0; }; ' +
  'rk3() { "$1" -u "$2" -o cat --no-pager --since "@$3" 2>/dev/null | grep -m 1 "Running kubelet "; return 0; }; ' +
  `kk() { ${KUBECONFIG_CHECK_BODY}; }; ` +
  `tp() { ${TOOL_PROBE_BODY}; }; ` +
  `${KUBELET_VERSION_BODY}; ` +
  "nl='\n'; " +
  // $1 files, $2 drop-in dirs, $3 globs, $4 kubeconfigs (newline-separated), $5 pid, $6 journalctl, $7 unit, $8 since,
  // $9 version probes; then tool triples.
  '_f=$1; _d=$2; _g=$3; _k=$4; _pid=$5; _jc=$6; _un=$7; _si=$8; _kv=$9; shift 9; ' +
  'sec tools tp "$@"; ' +
  'set -f; _o=$IFS; IFS=$nl; ' +
  'sec files rdf $_f; sec kubeconfigs kk $_k; ' +
  'for _x in $_d; do sec "dropins" rdd "$_x"; done; ' +
  'set +f; sec globs rdg $_g; IFS=$_o; ' +
  '[ -n "$_pid" ] && sec stderr readlink "/proc/$_pid/fd/2"; ' +
  '[ -n "$_jc" ] && sec k3sargs rk3 "$_jc" "$_un" "$_si"; ' +
  '[ -n "$_kv" ] && sec kver kv "$_kv"; exit 0';

export function discoveryFilesCommand(request: DiscoveryFilesRequest): NodeCommand {
  const join = (list: string[]) => list.filter((x) => x !== '' && !x.includes('\n')).join('\n');
  return {
    purpose: "read the kubelet's configuration, credentials and tools",
    argv: batchArgv(BODY, [
      join(request.files.slice(0, MAX_FILES)),
      join(request.dropInDirs),
      join(request.globs),
      join(request.kubeconfigs),
      request.kubeletPid === null ? '' : String(request.kubeletPid),
      request.k3sJournal?.journalctl ?? '',
      request.k3sJournal?.unit ?? '',
      String(request.k3sJournal?.since ?? 0),
      request.versionProbes,
      ...request.toolTriples,
    ]),
    privileged: true,
    timeoutMs: 30_000,
  };
}

export interface DiscoveryFiles {
  /** Every file read, by path (config, drop-ins, k3s configs …). */
  files: Map<string, ReadFile>;
  /** Per drop-in directory: its entries, or why it could not be listed. */
  dropInDirs: Map<string, { entries: DropInEntry[] } | { error: string; missing: boolean }>;
  kubeconfigs: Map<string, KubeconfigAccess>;
  toolsStdout: string;
  /** readlink of the kubelet's fd 2, or null. */
  stderrTarget: string | null;
  /** The `Running kubelet …` message of k3s's current run, or null. */
  k3sKubeletLine: string | null;
  /** What each `--version` probe answered; null when none was run. */
  versionAnswers: ProbeAnswer[] | null;
}

function readRecords(text: string, into: Map<string, ReadFile>): void {
  for (const line of text.split('\n')) {
    const m = /^F ([A-Za-z0-9+/=]+) (\d+) ([A-Za-z0-9+/=]*) ([A-Za-z0-9+/=]*)$/.exec(line);
    if (!m) continue;
    const path = Buffer.from(m[1] as string, 'base64').toString('utf8');
    const content = Buffer.from(m[3] as string, 'base64');
    const stderr = Buffer.from(m[4] as string, 'base64')
      .toString('utf8')
      .trim();
    if (m[2] === '2') {
      into.set(path, { path, error: MISSING });
    } else if (m[2] !== '0') {
      into.set(path, {
        path,
        error:
          stderr
            .split('\n')
            .pop()
            ?.replace(/^(head|cat): /, '') || 'not readable',
      });
    } else if (content.length > FILE_READ_LIMIT) {
      into.set(path, { path, error: `larger than ${FILE_READ_LIMIT / 1024} KiB, not read` });
    } else {
      into.set(path, { path, text: content.toString('utf8') });
    }
  }
}

/** The error of a file that does not exist (told apart from one that could not be read). */
export const MISSING = 'it does not exist';

export function isMissing(file: ReadFile | undefined): boolean {
  return file !== undefined && 'error' in file && file.error === MISSING;
}

const section = (s: BatchSection | undefined) => (s ? s.stdout.toString('utf8') : '');

export function parseDiscoveryFiles(stdout: Buffer): DiscoveryFiles {
  // Several `dropins` sections share a name: read the raw output for each of them.
  const raw = stdout.toString('latin1').split('\n');
  const files = new Map<string, ReadFile>();
  const dropInDirs: DiscoveryFiles['dropInDirs'] = new Map();
  for (let i = 0; i < raw.length; i++) {
    const head = /^@@ks (\S+) (\d+)$/.exec(raw[i] ?? '');
    if (!head) continue;
    const out = Buffer.from(raw[i + 1] ?? '', 'base64').toString('utf8');
    i += 2;
    if (head[1] === 'dropins') {
      readRecords(out, files);
      for (const line of out.split('\n')) {
        const l = /^L ([A-Za-z0-9+/=]+) (\d+) ([A-Za-z0-9+/=]*) ([A-Za-z0-9+/=]*)$/.exec(line);
        if (!l) continue;
        const dir = Buffer.from(l[1] as string, 'base64').toString('utf8');
        const code = Number(l[2]);
        if (code === 0)
          dropInDirs.set(dir, { entries: parseDropInListing(Buffer.from(l[3] as string, 'base64')).entries });
        else {
          const err = Buffer.from(l[4] as string, 'base64')
            .toString('utf8')
            .trim();
          dropInDirs.set(dir, {
            missing: code === 3,
            error:
              code === 3
                ? 'it does not exist'
                : code === 4
                  ? 'it is a symbolic link, which the kubelet does not walk'
                  : code === 5
                    ? 'it is not a directory'
                    : err.split('\n').pop() || `listing failed (exit ${code})`,
          });
        }
      }
    }
  }
  const sections = parseBatchOutput(stdout);
  readRecords(section(sections.get('files')), files);
  readRecords(section(sections.get('globs')), files);
  const stderrSection = sections.get('stderr');
  const k3s = /msg="Running kubelet ((?:[^"\\]|\\.)*)"/.exec(section(sections.get('k3sargs')));
  return {
    files,
    dropInDirs,
    kubeconfigs: parseKubeconfigCheck(section(sections.get('kubeconfigs'))),
    toolsStdout: section(sections.get('tools')),
    stderrTarget:
      stderrSection && stderrSection.code === 0 ? stderrSection.stdout.toString('utf8').trim() : null,
    k3sKubeletLine: k3s ? (k3s[1] as string).replace(/\\(.)/g, '$1') : null,
    versionAnswers: sections.has('kver') ? parseProbeAnswers(section(sections.get('kver'))) : null,
  };
}
