/**
 * Discovery of a node, in two round trips (docs/distributions.md, docs/kubelet.md §6):
 * 1. as the login user (node-facts.ts): who we are, the PATHs, the processes, units, marker
 *    paths — the set-up is told from them (setup-kind.ts);
 * 2. as root where allowed (discovery-files.ts): the kubelet's config file and drop-in tree, the
 *    set-up's own files, kubeconfigs, tools, where the kubelet's stderr goes;
 * (3. only when a k3s/RKE2 config file moves the data directory: that directory's drop-ins.)
 * Then the kubelet's effective configuration, the static pod source, the runtime endpoint, the
 * node name, the log location and the credentials are computed, each saying how it knows.
 */
import type {
  NodeDiscovery,
  NodeDiscoveryDetails,
  StaticPodPathSource,
} from '../../contract/domain/discovery';
import type { EffectiveValue, SetupKind } from '../../contract/domain/node-setup';
import { batchArgv, parseBatchOutput } from '../batch/batch-script';
import type { NodeSession } from '../session/node-session';
import { chooseCredentials, kubeconfigCandidates } from './api-credentials';
import { parseKubeletCommandLine, type ParsedFlags } from './command-line-flags';
import {
  discoveryFilesCommand,
  isMissing,
  parseDiscoveryFiles,
  type DiscoveryFiles,
} from './discovery-files';
import { dropInOrder } from './drop-in-order';
import { kubeletArgsOf, parseEnvironmentFile, readK3sSettings, type K3sSettings } from './k3s-settings';
import { computeKubeletConfig, fileCheckSeconds, type ReadFile } from './kubelet-config-merge';
import { kubeletLogLocation } from './kubelet-log-location';
import { NODE_FACTS_BODY, parseNodeFacts, type NodeFacts } from './node-facts';
import { nodeName } from './node-name';
import { runtimeEndpoint, setupCrictlConfigs } from './runtime-endpoint';
import { identifySetup, sandboxLabel, type IdentifiedSetup } from './setup-kind';
import { kubeletVersionProbes, probesParam, readKubeletVersion } from './kubelet-version-probe';
import { resolveTools, toolCandidates, toolProbeParams } from './tool-paths';

/** The static pod directory each set-up uses when the kubelet's configuration cannot be read. */
const USUAL_STATIC_POD_PATH: Partial<Record<SetupKind, string>> = {
  kubeadm: '/etc/kubernetes/manifests',
  openshift: '/etc/kubernetes/manifests',
  rke2: '/var/lib/rancher/rke2/agent/pod-manifests',
  k3s: '/var/lib/rancher/k3s/agent/pod-manifests',
};

export function nodeFactsCommand() {
  return {
    purpose: 'look at the node',
    argv: batchArgv(NODE_FACTS_BODY, []),
    privileged: false,
    timeoutMs: 30_000,
  };
}

export async function readNodeFacts(session: Pick<NodeSession, 'run'>): Promise<NodeFacts> {
  return parseNodeFacts(parseBatchOutput((await session.run(nodeFactsCommand())).stdout));
}

interface Plan {
  program: 'k3s' | 'rke2' | null;
  dataDir: string | null;
  kubeletArgs: string[];
}

/** The data directory of k3s/RKE2 from the supervisor's command line (its config file may move it). */
function planOf(id: IdentifiedSetup): Plan {
  const kind = id.setup.kind;
  const program = kind === 'k3s' ? 'k3s' : kind === 'rke2' ? 'rke2' : null;
  const supervisorArgs = id.supervisor?.args.slice(1) ?? [];
  const dataDirFlag = supervisorArgs.find((a) => a.startsWith('--data-dir=') || a.startsWith('-d='));
  const dataDir = dataDirFlag ? dataDirFlag.slice(dataDirFlag.indexOf('=') + 1) : null;
  return { program, dataDir, kubeletArgs: id.kubelet?.args.slice(1) ?? [] };
}

function programFiles(program: 'k3s' | 'rke2', unit: string | null): { files: string[]; globs: string[] } {
  const etc = `/etc/rancher/${program}`;
  const unitName = (unit ?? `${program}.service`).replace(/\.service$/, '');
  return {
    files: [
      `${etc}/config.yaml`,
      '/etc/rancher/node/id',
      // k3s's installer writes /etc/systemd/system/<unit>.service.env; RKE2's units read /etc/default and /etc/sysconfig.
      `/etc/systemd/system/${unitName}.service.env`,
      `/etc/default/${unitName}`,
      `/etc/sysconfig/${unitName}`,
    ],
    globs: [`${etc}/config.yaml.d/*.yaml`],
  };
}

const fileText = (files: DiscoveryFiles, path: string): string | null => {
  const f = files.files.get(path);
  return f && 'text' in f ? f.text : null;
};

export async function discoverNodeFull(
  session: Pick<NodeSession, 'run' | 'privilege'>,
): Promise<{ discovery: NodeDiscovery & NodeDiscoveryDetails; roundTrips: number }> {
  let roundTrips = 1;
  const facts = await readNodeFacts(session);
  const id = identifySetup(facts);
  const kind = id.setup.kind;
  const plan = planOf(id);
  let root = facts.uid === 0 || session.privilege !== 'unavailable';

  // Kubelet flags as far as the command line tells them (k3s: none until its log line is read).
  const firstFlags = parseKubeletCommandLine(plan.kubeletArgs);
  const configPath = firstFlags.flags.get('config') ?? null;
  const defaultData = plan.program ? (plan.dataDir ?? `/var/lib/rancher/${plan.program}`) : null;
  const dropInDirs = new Set<string>();
  const configDir = firstFlags.flags.get('config-dir');
  if (configDir) dropInDirs.add(configDir);
  if (kind === 'k3s' && defaultData) dropInDirs.add(`${defaultData}/agent/etc/kubelet.conf.d`);
  const extra = plan.program ? programFiles(plan.program, id.unit) : { files: [], globs: [] };
  const crictlConfigs = [...setupCrictlConfigs(kind, plan.dataDir), '/etc/crictl.yaml'];
  const microk8sArgs = kind === 'microk8s' ? ['/var/snap/microk8s/current/args/kubelet'] : [];
  const kubeconfigs = kubeconfigCandidates(
    kind,
    firstFlags.flags.get('kubeconfig') ?? null,
    plan.dataDir,
    facts.user === 'root' ? '/root' : `/home/${facts.user}`,
  );
  const candidates = toolCandidates(kind, facts);
  const journalctl = facts.onPath.get('journalctl') ?? '/usr/bin/journalctl';
  const versionProbes = kubeletVersionProbes(id);
  const request = {
    files: [...(configPath ? [configPath] : []), ...extra.files, ...crictlConfigs, ...microk8sArgs],
    dropInDirs: [...dropInDirs],
    globs: extra.globs,
    kubeconfigs: kubeconfigs.map((k) => k.path),
    toolTriples: toolProbeParams(candidates),
    kubeletPid: id.kubelet?.pid ?? null,
    k3sJournal:
      kind === 'k3s' && id.supervisor
        ? { journalctl, unit: id.unit ?? 'k3s.service', since: Math.max(0, id.supervisor.startedAt - 5) }
        : null,
    versionProbes: probesParam(versionProbes),
  };
  roundTrips += 1;
  let files = parseDiscoveryFiles((await session.run(discoveryFilesCommand(request))).stdout);
  // sudo may turn out refused (not allowed, or no password given): then this round trip ran as the user.
  root = facts.uid === 0 || session.privilege !== 'unavailable';

  // k3s/RKE2 settings; a data-dir set in their config files moves the drop-in tree: read it too.
  let k3s: K3sSettings | null = null;
  if (plan.program) {
    const configFiles: ReadFile[] = [
      files.files.get(`/etc/rancher/${plan.program}/config.yaml`),
      ...[...files.files.keys()]
        .filter((p) => p.startsWith(`/etc/rancher/${plan.program}/config.yaml.d/`))
        .sort()
        .map((p) => files.files.get(p)),
    ].filter((f): f is ReadFile => f !== undefined && !isMissing(f));
    const env = new Map<string, string>();
    for (const path of extra.files.filter((p) => !p.includes('/etc/rancher/'))) {
      const text = fileText(files, path);
      if (text) for (const [k, v] of parseEnvironmentFile(text)) env.set(k, v);
    }
    k3s = readK3sSettings({
      program: plan.program,
      args: id.supervisor?.args.slice(1) ?? [],
      configFiles,
      env,
    });
    const movedData = k3s.dataDir?.value;
    if (kind === 'k3s' && movedData && movedData !== defaultData) {
      roundTrips += 1;
      const more = parseDiscoveryFiles(
        (
          await session.run(
            discoveryFilesCommand({
              ...request,
              files: [`${movedData}/agent/etc/crictl.yaml`],
              dropInDirs: [`${movedData}/agent/etc/kubelet.conf.d`],
              globs: [],
              toolTriples: [],
              kubeletPid: null,
              k3sJournal: null,
              versionProbes: '',
            }),
          )
        ).stdout,
      );
      files = {
        ...files,
        files: new Map([...files.files, ...more.files]),
        dropInDirs: new Map([...files.dropInDirs, ...more.dropInDirs]),
      };
    }
  }
  const dataDir = k3s?.dataDir?.value ?? defaultData;

  // The kubelet's flags: its own command line; for k3s its logged line, else what k3s passes it.
  let kubeletFlags: ParsedFlags = firstFlags;
  let flagsFrom = id.kubelet ? `the kubelet's command line (pid ${id.kubelet.pid})` : 'no kubelet process';
  if (kind === 'k3s') {
    if (files.k3sKubeletLine) {
      kubeletFlags = parseKubeletCommandLine(files.k3sKubeletLine.split(' ').filter(Boolean));
      flagsFrom = "k3s's `Running kubelet` log line of this run";
    } else if (k3s) {
      kubeletFlags = parseKubeletCommandLine([
        `--config-dir=${dataDir}/agent/etc/kubelet.conf.d`,
        `--kubeconfig=${dataDir}/agent/kubelet.kubeconfig`,
        ...kubeletArgsOf(k3s),
      ]);
      flagsFrom = "k3s's configuration (its `Running kubelet` line was not found in the journal)";
    }
  } else if (kind === 'microk8s') {
    const args = fileText(files, '/var/snap/microk8s/current/args/kubelet');
    if (args) {
      kubeletFlags = parseKubeletCommandLine(
        args
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l.startsWith('--')),
      );
      flagsFrom = '/var/snap/microk8s/current/args/kubelet';
    }
  }

  const warnings: string[] = [];
  const configDirFlag = kubeletFlags.flags.get('config-dir');
  const configFile = kubeletFlags.flags.get('config');
  const dirListing = configDirFlag ? files.dropInDirs.get(configDirFlag) : undefined;
  const dropIns =
    configDirFlag && dirListing && 'entries' in dirListing
      ? dropInOrder(dirListing.entries).map((p) => files.files.get(p) ?? { path: p, error: 'not read' })
      : configDirFlag && dirListing && 'missing' in dirListing && dirListing.missing
        ? []
        : null;
  const config = computeKubeletConfig({
    flags: kubeletFlags,
    config: configFile ? (files.files.get(configFile) ?? null) : null,
    dropIns,
    ...(dirListing && 'error' in dirListing ? { dropInDirError: dirListing.error } : {}),
  });
  warnings.push(...config.problems, ...(k3s?.problems ?? []));
  if (id.setup.supportNote && id.setup.support !== 'supported') warnings.push(id.setup.supportNote);

  const idFile = files.files.get('/etc/rancher/node/id');
  const name = nodeName({
    kind,
    hostname: facts.hostname,
    kubeletFlags: kind === 'k3s' && !files.k3sKubeletLine ? null : kubeletFlags.flags,
    k3s,
    nodeId: fileText(files, '/etc/rancher/node/id')?.trim() || null,
    nodeIdReadable: !idFile || 'text' in idFile || isMissing(idFile),
  });

  const crictlConfigPath = [...setupCrictlConfigs(kind, dataDir), '/etc/crictl.yaml'].find(
    (p) => files.files.has(p) && !isMissing(files.files.get(p)),
  );
  const runtime = runtimeEndpoint({
    kind,
    kubelet: config.containerRuntimeEndpoint,
    crictlConfig: crictlConfigPath
      ? { path: crictlConfigPath, text: fileText(files, crictlConfigPath) }
      : null,
  });
  // /etc/crictl.yaml is crictl's own default: it is read anyway, so it is not passed again.
  if (runtime.crictlConfig === '/etc/crictl.yaml') runtime.crictlConfig = null;

  const tools = resolveTools(candidates, files.toolsStdout, facts);
  const log = kubeletLogLocation({
    kind,
    simulated: id.setup.simulated === true,
    role: id.setup.role,
    unit: id.unit,
    systemd: facts.units !== null || tools.journalctl.path !== null,
    kubeletFlags: kind === 'k3s' && !files.k3sKubeletLine ? null : kubeletFlags.flags,
    loggingFormat: config.loggingFormat?.value ?? null,
    stderrTarget: files.stderrTarget,
    dataDir,
  });
  const readingAs = root ? 'root' : facts.user;
  const credentials = chooseCredentials(
    kubeconfigCandidates(
      kind,
      config.kubeconfig?.value ?? null,
      dataDir,
      facts.user === 'root' ? '/root' : `/home/${facts.user}`,
    ),
    files.kubeconfigs,
    readingAs,
  );

  const kubeletVersion = readKubeletVersion(versionProbes, files.versionAnswers, {
    setupKind: kind,
    readAs: root ? 'root' : facts.user,
  });
  const source = staticPodSource(kind, config, facts, root);
  if (!id.kubelet && kind !== 'k3s' && kind !== 'microk8s' && kind !== 'unknown')
    warnings.push(`No kubelet process is running on this node (${flagsFrom}).`);
  const discovery: NodeDiscovery & NodeDiscoveryDetails = {
    nodeName: name.name,
    kubeletPid: id.kubelet?.pid ?? id.supervisor?.pid ?? null,
    kubeletArgs: id.kubelet?.args ?? id.supervisor?.args ?? [],
    configPath: configFile ?? null,
    staticPodPath: source.path,
    staticPodPathSource: source.source,
    staticPodPathExplanation: source.explanation,
    staticPodsDisabled: source.disabled,
    fileCheckFrequencySeconds: fileCheckSeconds(config),
    kubeconfig: credentials.kubeconfig,
    warnings: [...new Set(warnings)],
    kubeletVersion,
    setup: id.setup.simulated ? { ...id.setup, label: sandboxLabel(kubeletVersion.version) } : id.setup,
    nodeNameInfo: name,
    tools,
    runtime,
    kubeletLog: log,
    kubeletConfig: config,
    credentials,
    staticPodURL: config.staticPodURL?.value || null,
    readAs: { user: facts.user, root },
    hostIps: facts.hostIps,
    kubeletHost: { comm: id.kubelet?.comm ?? id.supervisor?.comm ?? null, unit: id.unit },
  };
  return { discovery, roundTrips };
}

function staticPodSource(
  kind: SetupKind,
  config: ReturnType<typeof computeKubeletConfig>,
  facts: NodeFacts,
  root: boolean,
): { path: string | null; source: StaticPodPathSource; explanation: string; disabled: boolean } {
  const described = (v: EffectiveValue) =>
    v.source === 'flag' ? `${v.from} on the kubelet's command line` : `staticPodPath in ${v.from}`;
  const trim = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);
  const path = config.staticPodPath;
  const url = config.staticPodURL;
  if (path && path.value !== '') {
    const source: StaticPodPathSource =
      path.source === 'flag' ? 'flag' : path.source === 'drop-in' ? 'config-dir' : 'config';
    return { path: trim(path.value), source, explanation: described(path), disabled: false };
  }
  if (url && url.value !== '') {
    return {
      path: null,
      source: 'url',
      explanation: `static pods are served to the kubelet over HTTP from ${url.value} (${url.source === 'flag' ? url.from : `staticPodURL in ${url.from}`}); there is no manifest directory on this node`,
      disabled: false,
    };
  }
  if (path && path.value === '') {
    const source: StaticPodPathSource =
      path.source === 'flag' ? 'flag' : path.source === 'drop-in' ? 'config-dir' : 'config';
    return {
      path: null,
      source,
      explanation: `${described(path)} is empty: static pods are off on this node`,
      disabled: true,
    };
  }
  const unknown = config.problems.some((p) => /could not be read|was not read|not read/.test(p));
  if (unknown) {
    const usual = USUAL_STATIC_POD_PATH[kind];
    const as = root ? '' : ` as ${facts.user}`;
    return {
      path: usual ?? null,
      source: 'unknown',
      explanation: usual
        ? `${usual} is where ${kind} keeps static pods; the kubelet's configuration could not be read${as}, so this is not confirmed`
        : `the kubelet's configuration could not be read${as}, so its static pod path is unknown`,
      disabled: false,
    };
  }
  return {
    path: null,
    source: 'none',
    explanation:
      'the kubelet has no static pod path: no --pod-manifest-path, and no staticPodPath in its config file or drop-ins (an unset staticPodPath means no file source, not a default directory)',
    disabled: false,
  };
}
