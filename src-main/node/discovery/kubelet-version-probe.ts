/**
 * The kubelet's version, read from the node during discovery's second round trip: the running
 * kubelet's own executable is asked `--version`, as a user would ask `kubelet --version`.
 *
 * - A kubelet process (kubeadm, RKE2 and k0s run one): /proc/<pid>/exe, else its argv[0] when that
 *   is an absolute path (/proc/<pid>/exe of root's process cannot be run by another user). The
 *   arguments before its first flag are kept: a real kubelet has none (it refuses positional
 *   arguments, cmd/kubelet/app/server.go "unknown command"), an interpreted one names its script.
 * - k3s embeds the kubelet in its own process: its binary's `--version` ("k3s version
 *   v1.30.4+k3s1 (98262b5d)", k3s PR #2621) names the Kubernetes release it embeds.
 * - MicroK8s's kubelite and OpenShift's kubenswrapper are not asked: what their `--version`
 *   does is not known here, and a wrapper given an unknown flag might start a second kubelet.
 *
 * Outputs are parsed by parseVersionOutput, a pure function; a version that could not be read is
 * `unknown`, with what was tried and what it answered.
 */
import type { KubeletVersionRead } from '../../contract/domain/discovery';
import type { IdentifiedSetup } from './setup-kind';

export interface VersionProbe {
  /** The command, without `--version`. */
  argv: string[];
  /** What answers: the kubelet's own binary, or the distribution's binary that embeds it. */
  source: 'kubelet-binary' | 'distribution-binary';
}

/** Longest output kept of one `--version` (a real answer is one or two short lines). */
export const VERSION_OUTPUT_LIMIT = 4096;

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** Arguments a probe may carry through the batch's tab- and newline-separated parameter. */
const safe = (argv: string[]): boolean => argv.every((a) => a !== '' && !/[\t\n]/.test(a));

/** The probes for a node's set-up, in the order they are tried (the first that answers wins). */
export function kubeletVersionProbes(
  id: Pick<IdentifiedSetup, 'kubelet' | 'supervisor' | 'setup'>,
): VersionProbe[] {
  const probes: VersionProbe[] = [];
  const kubelet = id.kubelet;
  if (kubelet && (kubelet.comm === 'kubelet' || base(kubelet.args[0] ?? '') === 'kubelet')) {
    const firstFlag = kubelet.args.findIndex((a, i) => i > 0 && a.startsWith('-'));
    const leading = kubelet.args.slice(1, firstFlag < 0 ? kubelet.args.length : firstFlag);
    probes.push({ argv: [`/proc/${kubelet.pid}/exe`, ...leading], source: 'kubelet-binary' });
    const argv0 = kubelet.args[0] ?? '';
    if (argv0.startsWith('/')) probes.push({ argv: [argv0, ...leading], source: 'kubelet-binary' });
  } else if (id.setup.kind === 'k3s' && id.supervisor) {
    const supervisor = id.supervisor;
    probes.push({ argv: [`/proc/${supervisor.pid}/exe`], source: 'distribution-binary' });
    const argv0 = supervisor.args[0] ?? '';
    if (argv0.startsWith('/')) probes.push({ argv: [argv0], source: 'distribution-binary' });
  }
  return probes.filter((p) => safe(p.argv));
}

/** The probes as one batch parameter: one a line, arguments separated by tabs. */
export function probesParam(probes: VersionProbe[]): string {
  return probes.map((p) => p.argv.join('\t')).join('\n');
}

/**
 * `kv PROBES`: runs every probe (two at most) with `--version` (at most 5 s each, stdin closed),
 * printing `V <b64 argv tab-joined> <exit code> <b64 first 4 KiB of its output>` for each: an
 * exit 0 does not make an answer a kubelet's (an interpreter answers with its own version), so
 * parseVersionOutput decides, and the first probe it accepts wins.
 * Runs where discovery's files are read: as root where sudo allows.
 */
export const KUBELET_VERSION_BODY =
  'kv1() { timeout 5 "$@" --version </dev/null >"$t/kv" 2>&1; _r=$?; ' +
  `printf "V %s %s %s\\n" "$(printf %s "$*" | base64 -w0)" "$_r" "$(head -c ${VERSION_OUTPUT_LIMIT} "$t/kv" | base64 -w0)"; return 0; }; ` +
  "kv() { _ko=$IFS; _tb=$(printf '\\t'); IFS=$(printf '\\nx'); IFS=${IFS%x}; set -f; " +
  'for _kp in $1; do IFS=$_tb; kv1 $_kp; done; set +f; IFS=$_ko; return 0; }';

/** What one probe printed. */
export interface ProbeAnswer {
  command: string;
  exitCode: number;
  output: string;
}

export function parseProbeAnswers(text: string): ProbeAnswer[] {
  const answers: ProbeAnswer[] = [];
  for (const line of text.split('\n')) {
    const m = /^V ([A-Za-z0-9+/=]*) (\d+) ([A-Za-z0-9+/=]*)$/.exec(line);
    if (!m) continue;
    answers.push({
      command: Buffer.from(m[1] as string, 'base64')
        .toString('utf8')
        .replaceAll('\t', ' '),
      exitCode: Number(m[2]),
      output: Buffer.from(m[3] as string, 'base64').toString('utf8'),
    });
  }
  return answers;
}

const RELEASE = 'v\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]*)?';

/**
 * A `--version` answer → the version it states, or null when it is not a kubelet's answer.
 * - `Kubernetes v1.32.2`: every Kubernetes component, component-base/version/verflag/verflag.go
 *   PrintAndExitIfRequested (`fmt.Printf("%s %s\n", programName, version.Get())`, programName
 *   "Kubernetes"); k0s's and RKE2's kubelets add their build suffix ("v1.31.4+rke2r1").
 * - `k3s version v1.19.4+k3s-95ea0e16 (95ea0e16)` then `go version go1.15.2` (k3s PR #2621; releases
 *   read `v1.30.4+k3s1`): k3s's own version, which is the Kubernetes release it embeds. (RKE2 runs
 *   a kubelet process of its own, which is asked directly.)
 * Anything else — another program's version ("v20.20.2" from Node.js), an error, nothing — is null.
 */
export function parseVersionOutput(output: string): string | null {
  const first = output.split('\n').find((l) => l.trim() !== '') ?? '';
  const line = first.trim();
  const kubernetes = new RegExp(`^Kubernetes (${RELEASE})$`).exec(line);
  if (kubernetes) return kubernetes[1] as string;
  const distribution = new RegExp(`^k3s version (${RELEASE})(?: \\([0-9a-f]+\\))?$`).exec(line);
  if (distribution) return distribution[1] as string;
  return null;
}

const quoteOutput = (output: string): string => {
  const line =
    output
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  if (line === '') return 'printed nothing';
  return `printed "${line.length > 120 ? `${line.slice(0, 120)}…` : line}"`;
};

/** The probes' answers → the version read, or unknown with what each probe answered. */
export function readKubeletVersion(
  probes: VersionProbe[],
  answers: ProbeAnswer[] | null,
  why: { setupKind: string; readAs: string },
): KubeletVersionRead {
  if (probes.length === 0)
    return {
      version: null,
      source: 'unknown',
      evidence:
        why.setupKind === 'microk8s' || why.setupKind === 'openshift'
          ? `not read: on ${why.setupKind} the kubelet runs inside another program, whose --version is not known here`
          : 'not read: no kubelet process was found to ask',
    };
  if (answers === null || answers.length === 0)
    return { version: null, source: 'unknown', evidence: 'not read: the node gave no answer to `--version`' };
  const tried: string[] = [];
  for (const answer of answers) {
    const probe = probes.find((p) => p.argv.join(' ') === answer.command);
    const version = answer.exitCode === 0 ? parseVersionOutput(answer.output) : null;
    if (version && probe)
      return {
        version,
        source: probe.source,
        evidence: `\`${answer.command} --version\` ${quoteOutput(answer.output)}`,
      };
    tried.push(
      `\`${answer.command} --version\` ${answer.exitCode === 0 ? '' : `exited ${answer.exitCode} and `}${quoteOutput(answer.output)}`,
    );
  }
  return {
    version: null,
    source: 'unknown',
    evidence: `not read as ${why.readAs}: ${tried.join('; ')}`,
  };
}
