/**
 * Where the kubelet's log is (docs/distributions.md, docs/kubelet.md §5.1):
 * - kubeadm, OpenShift, a plain kubelet: journald, unit `kubelet`, identifier `kubelet`;
 * - RKE2: a file, `<data-dir>/agent/logs/kubelet.log`, written by RKE2 from the kubelet's
 *   stdout and stderr (rancher/rke2 pkg/cli/defaults, pkg/logging): the kubelet's own command
 *   line does not show it, so the path comes from the set-up (or a `log-file` kubelet-arg);
 * - k3s: the k3s unit's journal (`k3s` or `k3s-agent`, identifier `k3s`), shared with the
 *   embedded control plane; with OpenRC, /var/log/k3s.log;
 * - k0s: the k0s unit's journal, each kubelet line wrapped in a k0s logrus line
 *   (`component=kubelet`); with OpenRC, /var/log/k0s<role>.log;
 * - MicroK8s: the kubelite unit's journal;
 * - a kubelet run with `--log-file` and `--logtostderr=false` (klog, kubelets before v1.26),
 *   or whose stderr is a regular file (`kube-log-runner -log-file`, a shell redirect): that file.
 * `--logging-format=json` (or `logging.format: json`) makes the lines JSON.
 * The app's Sandbox node keeps its kubelet's lines in its simulated journal (unit `kubelet`, read
 * by its own journalctl); its standard error is the Sandbox daemon's log, not the kubelet's log.
 */
import type { KubeletLogLocation, SetupKind } from '../../contract/domain/node-setup';
import { goBool } from './command-line-flags';

export interface LogLocationInput {
  kind: SetupKind;
  /** The app's Sandbox node (setup-kind.ts). */
  simulated?: boolean;
  role: string | null;
  /** The unit that runs the kubelet's host process, when known. */
  unit: string | null;
  /** False when the node has no systemd (OpenRC, a container): no journal to read. */
  systemd: boolean;
  /** The kubelet's flags (its own command line, or the flags a distribution passes it). */
  kubeletFlags: ReadonlyMap<string, string> | null;
  /** The effective logging format (`text`, `json`), when known. */
  loggingFormat: string | null;
  /** readlink of the kubelet's /proc/<pid>/fd/2, when read (`socket:[…]`, `pipe:[…]`, a path). */
  stderrTarget: string | null;
  /** RKE2's or k3s's data directory, when set. */
  dataDir: string | null;
}

function journal(
  units: string[],
  identifiers: string[],
  format: KubeletLogLocation['format'],
  shared: boolean,
  explanation: string,
): KubeletLogLocation {
  return { kind: 'journal', units, identifiers, file: null, format, shared, explanation };
}

function file(path: string, format: KubeletLogLocation['format'], explanation: string): KubeletLogLocation {
  return { kind: 'file', units: [], identifiers: [], file: path, format, shared: false, explanation };
}

export function kubeletLogLocation(input: LogLocationInput): KubeletLogLocation {
  const flags = input.kubeletFlags;
  const json = input.loggingFormat === 'json';
  const klogFormat = json ? 'json' : 'klog';
  const formatNote = json ? ' Its lines are JSON (--logging-format=json).' : '';
  if (input.simulated) {
    return journal(
      ['kubelet'],
      ['kubelet'],
      klogFormat,
      false,
      "the Sandbox node's simulated journal: its kubelet writes its lines there as a kubelet unit's go to journald, and the node's own journalctl reads them.",
    );
  }
  const logFile = flags?.get('log-file');
  if (logFile && goBool(flags?.get('logtostderr')) === false) {
    return file(
      logFile,
      klogFormat,
      `--log-file=${logFile} with --logtostderr=false on the kubelet's command line.${formatNote}`,
    );
  }
  if (input.stderrTarget?.startsWith('/') && input.kind !== 'rke2') {
    return file(
      input.stderrTarget,
      klogFormat,
      `The kubelet's standard error is the file ${input.stderrTarget} (read from /proc/<pid>/fd/2).${formatNote}`,
    );
  }
  switch (input.kind) {
    case 'rke2': {
      const path = logFile ?? `${input.dataDir ?? '/var/lib/rancher/rke2'}/agent/logs/kubelet.log`;
      return file(
        path,
        klogFormat,
        `RKE2 writes its kubelet's output to ${path}, not to the journal (rancher/rke2 pkg/logging).${formatNote}`,
      );
    }
    case 'k3s': {
      const unit = input.unit ?? (input.role === 'server' ? 'k3s.service' : 'k3s-agent.service');
      if (!input.systemd) {
        return {
          ...file('/var/log/k3s.log', klogFormat, 'k3s under OpenRC logs to /var/log/k3s.log.'),
          shared: true,
        };
      }
      return journal(
        [unit.replace(/\.service$/, '')],
        ['k3s'],
        klogFormat,
        true,
        `k3s runs its kubelet inside the ${unit} process: the kubelet's lines are in that unit's journal, among the embedded control plane's.${formatNote}`,
      );
    }
    case 'k0s': {
      const unit =
        input.unit ?? (input.role === 'controller' ? 'k0scontroller.service' : 'k0sworker.service');
      if (!input.systemd) {
        const name = unit.replace(/\.service$/, '');
        return file(`/var/log/${name}.log`, 'k0s', `k0s under OpenRC logs to /var/log/${name}.log.`);
      }
      return journal(
        [unit.replace(/\.service$/, '')],
        ['k0s'],
        'k0s',
        true,
        `k0s folds its kubelet's output into the ${unit} journal, one logrus line per kubelet line with component=kubelet.`,
      );
    }
    case 'microk8s':
      return journal(
        ['snap.microk8s.daemon-kubelite'],
        [],
        klogFormat,
        true,
        'MicroK8s runs the kubelet inside kubelite; its lines are in the snap.microk8s.daemon-kubelite journal.',
      );
    case 'unknown':
      return {
        kind: 'none',
        units: [],
        identifiers: [],
        file: null,
        format: 'klog',
        shared: false,
        explanation: 'No kubelet was found, so there is no kubelet log to read.',
      };
    default:
      if (!input.systemd) {
        return {
          kind: 'none',
          units: [],
          identifiers: [],
          file: null,
          format: klogFormat,
          shared: false,
          explanation:
            "This node has no systemd journal and the kubelet's flags name no log file; its standard error goes elsewhere.",
        };
      }
      return journal(
        ['kubelet'],
        ['kubelet'],
        klogFormat,
        false,
        `The kubelet runs as ${input.unit ?? 'a systemd unit'} and logs to its standard error, which journald keeps (unit kubelet, identifier kubelet).${formatNote}`,
      );
  }
}
