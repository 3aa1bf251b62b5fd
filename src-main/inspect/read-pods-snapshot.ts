/**
 * Reads, parses, joins and judges one pods snapshot: ONE remote round trip for the whole node
 * (issue 6 point 6), plus one more only when containers crash-loop (their last exit and log
 * lines). A failing view never hides the other: with the API server down the runtime view and
 * the manifests stay complete and the API side says why it is empty (issue 6 point 3).
 * The batch also reads the kubelet process: another pid than discovery saw means a restarted
 * kubelet, maybe with another config (docs/kubelet.md §6), so discovery runs again (one more round
 * trip, its first step being already read) and, if the static pod path or the kubeconfig moved,
 * the batch is read again (one more). `roundTrips` counts them all.
 */
import type { NodeDiscovery, NodeDiscoveryDetails } from '../contract/domain/discovery';
import type { KubeletLogWindow } from '../contract/domain/node-setup';
import type { KlogRecord } from '../contract/domain/logs';
import type {
  ApiProblem,
  ApiSource,
  CrashDetails,
  NodePodsSnapshot,
  StaticManifestDirectory,
} from '../contract/domain/node-pods';
import type { ApiPodView } from '../contract/domain/pods';
import type { CriContainer, CriSandbox } from '../contract/domain/cri';
import { collectFindings, crashLoops, groupByCause } from './findings/collect-findings';
import { confirmNodeName } from './confirm-node-name';
import { joinPods } from './join-pods';
import { readKubeletJournal } from './kubelet-journal';
import { parseKubectlError } from '../node/api/kubectl-error';
import { parseKubectlPodList } from '../node/api/kubectl-pod-json';
import { parseCrictlContainersJson, parseCrictlPodsJson } from '../node/cri/crictl-list-json';
import { splitCrictlStderr } from '../node/cri/crictl-stderr';
import { parseBatchOutput, type BatchSection } from '../node/batch/batch-script';
import type { NodeSession } from '../node/session/node-session';
import { parseKubeletProcessSection, type KubeletProcess } from '../node/discovery/discover';
import { readApiViaKubeconfig } from '../node/snapshot/api-via-kubeconfig';
import { crashDetailsCommand, parseCrashDetails } from '../node/snapshot/crash-details-command';
import { apiFailure as apiFailureOf } from '../node/api/api-problem';
import { runtimeFailure } from '../node/cri/runtime-problem';
import { crictlGlobalArgs } from '../node/discovery/runtime-endpoint';
import { logWindowSeconds, readLogWindow } from '../node/journal/kubelet-log-window';
import {
  podsSnapshotCommand,
  podsSnapshotPlanCommand,
  type PodsSnapshotPlan,
} from '../node/snapshot/pods-snapshot-command';
import { parseStaticDirListing, type ManifestTexts } from '../node/snapshot/static-dir-listing';

function crictlFailure(section: BatchSection | undefined, what: string): string | null {
  if (!section) return `crictl did not run (${what}).`;
  if (section.code === 0) return null;
  const errors = splitCrictlStderr(section.stderr).filter((d) => !d.noise);
  const detail = errors.map((d) => d.message).join('; ') || section.stderr.trim() || `exit ${section.code}`;
  return section.code === 127 ? 'crictl is not installed on this node.' : `crictl ${what} failed: ${detail}`;
}

function apiFailure(section: BatchSection | undefined): string | null {
  if (!section) return 'kubectl did not run.';
  if (section.code === 0) return null;
  if (section.code === 127) return 'kubectl is not installed on this node.';
  const error = parseKubectlError(section.stderr);
  if (error?.kind === 'connection-refused') {
    return `The API server refused the connection${error.server ? ` (${error.server})` : ''}: it is down, so no mirror pods can be read. The runtime view still shows what runs.`;
  }
  if (error?.kind === 'no-resources') return null;
  return `kubectl failed: ${error?.message ?? (section.stderr.trim() || `exit ${section.code}`)}`;
}

/** The API server itself did not answer: kubectl's own line says so (refused, unreachable). */
function apiUnanswered(section: BatchSection | undefined): { server: string | null; said: string } | null {
  if (!section || section.code === 0) return null;
  const error = parseKubectlError(section.stderr);
  return error && (error.kind === 'connection-refused' || error.kind === 'unreachable')
    ? { server: error.server, said: error.message }
    : null;
}

function readManifestDirectory(
  discovery: NodeDiscovery,
  section: BatchSection | undefined,
  texts: ManifestTexts,
  user?: string,
): StaticManifestDirectory {
  const base = {
    path: discovery.staticPodPath,
    source: discovery.staticPodPathSource,
    explanation: discovery.staticPodPathExplanation,
    disabled: discovery.staticPodsDisabled,
  };
  if (!discovery.staticPodPath) return { ...base, readable: false, reason: null, entries: [] };
  if (!section) return { ...base, readable: false, reason: 'The directory was not listed.', entries: [] };
  if (section.code === 3)
    return {
      ...base,
      readable: false,
      reason: `${discovery.staticPodPath} does not exist on the node.`,
      entries: [],
      access: 'missing',
    };
  if (section.code === 4)
    return {
      ...base,
      readable: false,
      reason: `No permission${user ? ` as ${user}` : ''} to list ${discovery.staticPodPath}.`,
      entries: [],
      access: 'refused',
    };
  if (section.code !== 0)
    return {
      ...base,
      readable: false,
      reason: `Could not list ${discovery.staticPodPath}: ${section.stderr.trim() || `exit ${section.code}`}`,
      entries: [],
      access: 'error',
    };
  const entries = parseStaticDirListing(section.stdout, discovery.staticPodPath, discovery.nodeName, {
    user,
    texts,
  });
  return { ...base, readable: true, reason: null, entries };
}

export interface PodsSnapshotOptions {
  api?: ApiSource;
  /** Discovery again from a kubelet process other than the one `discovery` describes (core-context.ts). */
  rediscover?: (kubelet: KubeletProcess) => Promise<{ discovery: NodeDiscovery; roundTrips: number }>;
  /** Keeps a discovery the snapshot corrected (the node's name, confirmed by the API) for the next one. */
  remember?: (discovery: NodeDiscovery) => void;
}

export async function readPodsSnapshot(
  session: Pick<NodeSession, 'run'>,
  found: NodeDiscovery,
  options: PodsSnapshotOptions = {},
): Promise<NodePodsSnapshot> {
  const source = options.api ?? { kind: 'node' };
  let discovery = found;
  const apiVia = (d: NodeDiscovery) =>
    source.kind === 'kubeconfig' ? readApiViaKubeconfig(d.nodeName, source.path, source.context) : null;
  let viaKubeconfig = apiVia(discovery);
  const read = async (d: NodeDiscovery) =>
    parseBatchOutput(
      (
        await session.run(
          hasDetails(d)
            ? podsSnapshotPlanCommand(snapshotPlan(d, viaKubeconfig !== null))
            : podsSnapshotCommand(d.kubeconfig, d.nodeName, d.staticPodPath, viaKubeconfig ? 'skip' : 'node'),
        )
      ).stdout,
    );
  let roundTrips = 1;
  let sections = await read(discovery);
  // Only a running kubelet with another pid: while none runs, its last config is the best guess.
  const kubelet = parseKubeletProcessSection(sections.get('kubelet'));
  if (options.rediscover && kubelet && kubelet.pid !== null && kubelet.pid !== discovery.kubeletPid) {
    const again = await options.rediscover(kubelet);
    roundTrips += again.roundTrips;
    const before = discovery;
    discovery = again.discovery;
    if (discovery.nodeName !== before.nodeName) viaKubeconfig = apiVia(discovery);
    if (
      discovery.staticPodPath !== before.staticPodPath ||
      discovery.kubeconfig !== before.kubeconfig ||
      discovery.nodeName !== before.nodeName
    ) {
      sections = await read(discovery);
      roundTrips += 1;
    }
  }
  // An uncertain node name is checked against the API's Nodes (confirm-node-name.ts); a
  // different name means the batch asked the API about the wrong Node, so it is read again.
  if (hasDetails(discovery) && !discovery.nodeNameInfo.certain && sections.has('nodes')) {
    const confirmed = confirmNodeName(discovery.nodeNameInfo, sections.get('nodes'), discovery.hostIps);
    const renamed = confirmed.name !== discovery.nodeName;
    const corrected: DetailedDiscovery = { ...discovery, nodeName: confirmed.name, nodeNameInfo: confirmed };
    discovery = corrected;
    if (confirmed.certain) options.remember?.(corrected);
    if (renamed) {
      viaKubeconfig = apiVia(discovery);
      sections = await read(discovery);
      roundTrips += 1;
    }
  }
  const sandboxesSection = sections.get('sandboxes');
  const containersSection = sections.get('containers');

  const details = hasDetails(discovery) ? discovery : null;
  const runtimeReason = details
    ? (detailedRuntimeFailure(details, sandboxesSection, 'pods') ??
      detailedRuntimeFailure(details, containersSection, 'ps'))
    : (crictlFailure(sandboxesSection, 'pods') ?? crictlFailure(containersSection, 'ps'));
  let sandboxes: CriSandbox[] = [];
  let containers: CriContainer[] = [];
  if (!runtimeReason) {
    const parsedSandboxes = parseCrictlPodsJson(sandboxesSection?.stdout.toString('utf8') ?? '');
    const parsedContainers = parseCrictlContainersJson(containersSection?.stdout.toString('utf8') ?? '');
    sandboxes = parsedSandboxes.ok ? parsedSandboxes.value : [];
    containers = parsedContainers.ok ? parsedContainers.value : [];
  }

  let apiReason: string | null;
  let unanswered: { server: string | null; said: string } | null = null;
  let apiProblem: ApiProblem | null = null;
  let apiPods: ApiPodView[] = [];
  let nodeRegistered: boolean | null = null;
  if (viaKubeconfig) {
    const read = await viaKubeconfig;
    apiReason = read.reason;
    unanswered = read.unanswered ?? null;
    apiPods = read.pods;
    nodeRegistered = read.nodeRegistered;
  } else {
    const apiSection = sections.get('api');
    if (details) {
      const failure = apiFailureOf({
        code: apiSection ? apiSection.code : null,
        stderr: apiSection?.stderr ?? '',
        credentials: details.credentials,
        kubectl: details.tools.kubectl,
        user: details.readAs.root ? 'root' : details.readAs.user,
      });
      apiReason = failure?.reason ?? null;
      apiProblem = failure?.problem ?? null;
    } else apiReason = apiFailure(apiSection);
    unanswered = apiUnanswered(apiSection);
    if (!apiReason && apiSection?.code === 0) {
      const parsed = parseKubectlPodList(apiSection.stdout.toString('utf8'));
      apiPods = parsed.ok ? parsed.value : [];
    }
    const nodeSection = sections.get('node');
    if (!apiReason && nodeSection)
      nodeRegistered =
        nodeSection.code === 0
          ? true
          : parseKubectlError(nodeSection.stderr)?.kind === 'not-found'
            ? false
            : null;
  }

  const texts: ManifestTexts = new Map();
  const manifests = readManifestDirectory(
    discovery,
    sections.get('manifests'),
    texts,
    details && !details.readAs.root ? details.readAs.user : undefined,
  );
  let journal: KlogRecord[] = [];
  let kubeletLog: KubeletLogWindow | undefined;
  if (details) {
    const window = readLogWindow(
      sections,
      details.kubeletLog,
      logWindowSeconds(details.fileCheckFrequencySeconds),
      details.readAs.root ? 'root' : details.readAs.user,
    );
    journal = window.records;
    kubeletLog = window.window;
  } else {
    const journalSection = sections.get('journal');
    journal =
      journalSection && journalSection.code === 0
        ? readKubeletJournal(journalSection.stdout.toString('utf8'))
        : [];
  }
  const pods = joinPods(sandboxes, containers, apiPods, manifests.entries);
  const takenAt = Date.now();

  // Only for crash-looping containers, and all of them in one extra round trip.
  let crashes: Record<string, CrashDetails> = {};
  const crashIds = [...new Set(crashLoops(pods, takenAt).map((loop) => loop.lastExited.id))];
  if (crashIds.length > 0) {
    roundTrips += 1;
    const details = await session.run(crashDetailsCommand(crashIds));
    crashes = parseCrashDetails(details.stdout, crashIds);
  }

  const runtime = { available: !runtimeReason, reason: runtimeReason };
  const api = {
    available: !apiReason,
    reason: apiReason,
    via: viaKubeconfig ? ('kubeconfig' as const) : ('node-kubectl' as const),
    nodeRegistered,
    unanswered,
    ...(apiProblem ? { problem: apiProblem } : {}),
  };
  const input = {
    nodeName: discovery.nodeName,
    runtime,
    api,
    manifests,
    pods,
    journal,
    ...(kubeletLog ? { kubeletLog } : {}),
    crashes,
    nowMs: takenAt,
    manifestText: (path: string) => texts.get(path) ?? null,
  };
  const findings = collectFindings(input);
  const causes = groupByCause(input, findings);
  return {
    takenAt,
    nodeName: discovery.nodeName,
    runtime,
    api,
    manifests,
    pods,
    findings,
    causes,
    crashes,
    roundTrips,
    ...(details
      ? {
          setup: details.setup,
          nodeNameInfo: details.nodeNameInfo,
          tools: { crictl: details.tools.crictl, kubectl: details.tools.kubectl },
          readAs: details.readAs,
          ...(kubeletLog ? { kubeletLog } : {}),
        }
      : {}),
  };
}

type DetailedDiscovery = NodeDiscovery & NodeDiscoveryDetails;

function hasDetails(d: NodeDiscovery): d is DetailedDiscovery {
  return 'setup' in d && 'tools' in d;
}

function detailedRuntimeFailure(
  d: DetailedDiscovery,
  section: BatchSection | undefined,
  what: string,
): string | null {
  return runtimeFailure({
    code: section ? section.code : null,
    stderr: section?.stderr ?? '',
    crictl: d.tools.crictl,
    runtime: d.runtime,
    user: d.readAs.root ? 'root' : d.readAs.user,
    what,
  });
}

/**
 * The batch as discovery found the node (docs/distributions.md): crictl and kubectl by their
 * absolute paths, crictl told the kubelet's endpoint (and the set-up's crictl.yaml), kubectl the
 * node's kubeconfig — or no kubectl call at all when there are no credentials on the node — and
 * the kubelet's log window wherever it is.
 */
export function snapshotPlan(d: DetailedDiscovery, apiElsewhere: boolean): PodsSnapshotPlan {
  const crictl = d.tools.crictl.argv.length ? [...d.tools.crictl.argv, ...crictlGlobalArgs(d.runtime)] : [];
  const seconds = logWindowSeconds(d.fileCheckFrequencySeconds);
  const location = d.kubeletLog;
  const log: PodsSnapshotPlan['log'] =
    location.kind === 'journal' && d.tools.journalctl.path
      ? {
          kind: 'journal',
          journalctl: d.tools.journalctl.path,
          seconds,
          units: location.units,
          identifiers: location.identifiers,
        }
      : location.kind === 'file' && location.file
        ? { kind: 'file', file: location.file, seconds }
        : { kind: 'none' };
  return {
    nodeName: d.nodeName,
    staticPodPath: d.staticPodPath,
    apiMode: apiElsewhere ? 'skip' : d.credentials.kubeconfig && d.tools.kubectl.path ? 'node' : 'none',
    kubeconfig: d.credentials.kubeconfig,
    crictl,
    kubectl: d.tools.kubectl.argv,
    // Only when discovery could not be sure, and the node's own kubectl can ask.
    confirmNodeName: !d.nodeNameInfo.certain,
    kubeletUnit: d.kubeletHost.unit,
    kubeletComm: d.kubeletHost.comm ?? 'kubelet',
    log,
  };
}
