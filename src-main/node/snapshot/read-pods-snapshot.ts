/**
 * Reads and parses one pods snapshot. A failing view never hides the other: with the API
 * server down the runtime view stays complete and the API side says why it is empty
 * (issue 6 point 3).
 */
import type { NodeDiscovery } from '../../contract/domain/discovery';
import type { NodePodsSnapshot } from '../../contract/domain/node-pods';
import type { ApiPodView } from '../../contract/domain/pods';
import type { CriContainer, CriSandbox } from '../../contract/domain/cri';
import { joinPods } from '../../inspect/join-pods';
import { parseKubectlError } from '../api/kubectl-error';
import { parseKubectlPodList } from '../api/kubectl-pod-json';
import { parseCrictlContainersJson, parseCrictlPodsJson } from '../cri/crictl-list-json';
import { splitCrictlStderr } from '../cri/crictl-stderr';
import { parseBatchOutput, type BatchSection } from '../batch/batch-script';
import type { NodeSession } from '../session/node-session';
import { podsSnapshotCommand } from './pods-snapshot-command';

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

export async function readPodsSnapshot(session: NodeSession, discovery: NodeDiscovery): Promise<NodePodsSnapshot> {
  const output = await session.run(podsSnapshotCommand(discovery.kubeconfig, discovery.nodeName));
  const sections = parseBatchOutput(output.stdout);
  const sandboxesSection = sections.get('sandboxes');
  const containersSection = sections.get('containers');
  const apiSection = sections.get('api');

  const runtimeReason = crictlFailure(sandboxesSection, 'pods') ?? crictlFailure(containersSection, 'ps');
  let sandboxes: CriSandbox[] = [];
  let containers: CriContainer[] = [];
  if (!runtimeReason) {
    const parsedSandboxes = parseCrictlPodsJson(sandboxesSection?.stdout.toString('utf8') ?? '');
    const parsedContainers = parseCrictlContainersJson(containersSection?.stdout.toString('utf8') ?? '');
    sandboxes = parsedSandboxes.ok ? parsedSandboxes.value : [];
    containers = parsedContainers.ok ? parsedContainers.value : [];
  }

  const apiReason = apiFailure(apiSection);
  let apiPods: ApiPodView[] = [];
  if (!apiReason && apiSection?.code === 0) {
    const parsed = parseKubectlPodList(apiSection.stdout.toString('utf8'));
    apiPods = parsed.ok ? parsed.value : [];
  }

  return {
    takenAt: Date.now(),
    nodeName: discovery.nodeName,
    runtime: { available: !runtimeReason, reason: runtimeReason },
    api: { available: !apiReason, reason: apiReason },
    pods: joinPods(sandboxes, containers, apiPods),
  };
}
