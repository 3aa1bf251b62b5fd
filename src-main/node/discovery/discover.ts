/**
 * Finds a node's static pod path the way docs/kubelet.md §6 ranks the sources: the kubelet's
 * `--pod-manifest-path` flag, then `staticPodPath` from `--config-dir` drop-ins and the
 * `--config` file, then the known defaults (kubeadm, RKE2, k3s). An empty staticPodPath means
 * the file source is off.
 */
import { parse as parseYaml } from 'yaml';
import { YAML_MAX_ALIASES, yamlUnreadable } from '../manifests/yaml-bounds';
import type { NodeDiscovery } from '../../contract/domain/discovery';
import { parseBatchOutput, type BatchSection } from '../batch/batch-script';
import type { NodeSession } from '../session/node-session';
import {
  kubeconfigCandidates,
  kubeletFilesCommand,
  kubeletProcessCommand,
  readFilesCommand,
} from './discovery-commands';
import { parseGoDurationSeconds, parseKubeletFlags } from './kubelet-flags';

const DEFAULT_FILE_CHECK_SECONDS = 20;

interface ConfigFields {
  staticPodPath?: string;
  fileCheckFrequency?: string;
}

export function readConfigFields(text: string, warnings: string[], source: string): ConfigFields {
  const unreadable = yamlUnreadable(text);
  if (unreadable) {
    warnings.push(`${source} was not read: ${unreadable}.`);
    return {};
  }
  try {
    const value: unknown = parseYaml(text, { maxAliasCount: YAML_MAX_ALIASES });
    if (!value || typeof value !== 'object') return {};
    const record = value as Record<string, unknown>;
    const fields: ConfigFields = {};
    if (typeof record.staticPodPath === 'string') fields.staticPodPath = record.staticPodPath;
    if (typeof record.fileCheckFrequency === 'string') fields.fileCheckFrequency = record.fileCheckFrequency;
    return fields;
  } catch (error) {
    warnings.push(`${source} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    return {};
  }
}

/** The kubelet process as one look-up found it: discovery's first step. */
export interface KubeletProcess {
  pid: number | null;
  args: string[];
  hostname: string;
}

const pidOf = (text: string): number | null => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);
const argsOf = (cmdline: string): string[] => cmdline.split('\0').filter((a) => a.length > 0);

/** The section of `kp` (kubelet-process.sh): pid line, host name line, cmdline. */
export function parseKubeletProcessSection(section: BatchSection | undefined): KubeletProcess | null {
  if (!section || section.code !== 0) return null;
  const text = section.stdout.toString('utf8');
  const first = text.indexOf('\n');
  const second = text.indexOf('\n', first + 1);
  if (first < 0 || second < 0) return null;
  return {
    pid: pidOf(text.slice(0, first)),
    hostname: text.slice(first + 1, second).trim(),
    args: argsOf(text.slice(second + 1)),
  };
}

export async function discoverNode(session: NodeSession): Promise<NodeDiscovery> {
  return (await discoverNodeCounted(session)).discovery;
}

/**
 * Discovery, with the number of remote round trips it took. `known` is the kubelet process
 * when the caller has just read it (the pods snapshot, after a kubelet restart): then the first
 * step is skipped.
 */
export async function discoverNodeCounted(
  session: NodeSession,
  known?: KubeletProcess,
): Promise<{ discovery: NodeDiscovery; roundTrips: number }> {
  let roundTrips = 0;
  const run: NodeSession['run'] = (command) => {
    roundTrips += 1;
    return session.run(command);
  };
  let found = known;
  if (!found) {
    const first = parseBatchOutput((await run(kubeletProcessCommand())).stdout);
    found = parseKubeletProcessSection(first.get('kubelet')) ?? { pid: null, args: [], hostname: '' };
  }
  const discovery = await discoverFrom(run, found);
  return { discovery, roundTrips };
}

async function discoverFrom(run: NodeSession['run'], found: KubeletProcess): Promise<NodeDiscovery> {
  const warnings: string[] = [];
  const { pid: kubeletPid, args: kubeletArgs, hostname } = found;
  if (kubeletPid === null) warnings.push('No kubelet process is running on this node.');

  const flags = parseKubeletFlags(kubeletArgs.slice(1));
  const configPath = flags.get('config') ?? null;
  const configDir = flags.get('config-dir') ?? '';
  const files = parseBatchOutput(
    (
      await run(
        kubeletFilesCommand(configPath ?? '', configDir, kubeconfigCandidates(flags.get('kubeconfig'))),
      )
    ).stdout,
  );

  // Later sources override earlier ones: the config file, then drop-ins in order (§6).
  let merged: ConfigFields = {};
  let fromDropIn = false;
  const config = files.get('config');
  if (configPath && config) {
    if (config.code === 0) merged = readConfigFields(config.stdout.toString('utf8'), warnings, configPath);
    else
      warnings.push(
        `Could not read the kubelet config ${configPath}: ${config.stderr.trim() || `exit ${config.code}`}`,
      );
  }
  const dropIns = (files.get('dropins')?.stdout.toString('utf8') ?? '').split('\n').filter(Boolean).sort();
  if (dropIns.length > 0) {
    const read = parseBatchOutput((await run(readFilesCommand(dropIns))).stdout);
    dropIns.forEach((file, i) => {
      const fields = readConfigFields(read.get(`f${i + 1}`)?.stdout.toString('utf8') ?? '', warnings, file);
      if (fields.staticPodPath !== undefined) fromDropIn = true;
      merged = { ...merged, ...fields };
    });
  }

  const defaults = (files.get('defaults')?.stdout.toString('utf8') ?? '').split('\n').filter(Boolean);
  const kubeconfig =
    (files.get('kubeconfigs')?.stdout.toString('utf8') ?? '').split('\n').filter(Boolean)[0] ?? null;
  const flagPath = flags.get('pod-manifest-path');
  const frequency =
    parseGoDurationSeconds(flags.get('file-check-frequency') ?? merged.fileCheckFrequency ?? '') ||
    DEFAULT_FILE_CHECK_SECONDS;

  const base = {
    nodeName: (flags.get('hostname-override') || hostname).toLowerCase(),
    kubeletPid,
    kubeletArgs,
    configPath,
    fileCheckFrequencySeconds: frequency,
    kubeconfig,
    warnings,
    // This short discovery (the kubelet's flags and files only) does not ask the kubelet its version.
    kubeletVersion: {
      version: null,
      source: 'unknown' as const,
      evidence: 'not read: only the kubelet configuration was looked at',
    },
  };
  const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);
  if (flagPath !== undefined && flagPath !== '') {
    return {
      ...base,
      staticPodPath: trimSlash(flagPath),
      staticPodPathSource: 'flag',
      staticPodsDisabled: false,
      staticPodPathExplanation: '--pod-manifest-path on the kubelet command line',
    };
  }
  if (merged.staticPodPath !== undefined) {
    const source = fromDropIn ? 'config-dir' : 'config';
    const where = fromDropIn ? `a drop-in in ${configDir}` : `staticPodPath in ${configPath}`;
    if (merged.staticPodPath === '') {
      return {
        ...base,
        staticPodPath: null,
        staticPodPathSource: source,
        staticPodsDisabled: true,
        staticPodPathExplanation: `${where} is empty: static pods are off on this node`,
      };
    }
    return {
      ...base,
      staticPodPath: trimSlash(merged.staticPodPath),
      staticPodPathSource: source,
      staticPodsDisabled: false,
      staticPodPathExplanation: where,
    };
  }
  const fallback = defaults[0];
  if (fallback) {
    return {
      ...base,
      staticPodPath: fallback,
      staticPodPathSource: 'default',
      staticPodsDisabled: false,
      staticPodPathExplanation: `${fallback} exists (a known default; the kubelet's flags and config do not say)`,
    };
  }
  return {
    ...base,
    staticPodPath: null,
    staticPodPathSource: 'none',
    staticPodsDisabled: false,
    staticPodPathExplanation:
      'No static pod path found: no flag, no staticPodPath in the config, no known default directory.',
  };
}
