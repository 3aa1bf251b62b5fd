/**
 * `kubelet-studio status <node> [--json]` (issue 6 point 8): the joined table (manifest,
 * crictl and kubectl side by side) and the findings with their evidence. Exit 0 when no finding
 * is an error, 1 otherwise, so it can gate scripts and CI.
 */
import type { ContractClient } from '../../../contract';
import type { NodePodsSnapshot } from '../../../contract/domain/node-pods';
import type { ToolRef } from '../../../contract/domain/node-setup';
import { humanAge, summarizePod } from '../../../contract/domain/node-pods-summary';
import type { CliCommand } from '../command';
import { connectCliNode } from '../node-target';
import { formatTable } from '../table';
import { escapeForTerminal } from '../terminal-text';

const signature = (s: NodePodsSnapshot) =>
  JSON.stringify([
    s.api.available,
    s.pods.map((p) => [p.uid, p.apiPod?.uid, p.containers.map((c) => c.state)]),
    s.findings.map((f) => f.kind),
  ]);

/** A sandbox node starts its kubelet with the CLI: wait until its pods settle (at most 20 s). */
async function settledSnapshot(
  client: ContractClient,
  id: string,
  justStarted: boolean,
): Promise<NodePodsSnapshot> {
  let snapshot = await client.call('pods.snapshot', { id });
  if (!justStarted) return snapshot;
  const deadline = Date.now() + 20_000;
  let stableSince = Date.now();
  while (Date.now() < deadline && Date.now() - stableSince < 4_000) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const next = await client.call('pods.snapshot', { id });
    if (signature(next) !== signature(snapshot)) stableSince = Date.now();
    snapshot = next;
  }
  return snapshot;
}

export function formatStatus(snapshot: NodePodsSnapshot): string {
  const now = snapshot.takenAt;
  const rows = snapshot.pods.map((pod) => {
    const s = summarizePod(pod);
    const manifest = pod.manifestPaths.map((p) => p.split('/').pop()).join(',') || '-';
    return [
      pod.namespace || '-',
      pod.name,
      s.kind,
      manifest,
      s.runtime.state,
      s.runtime.ready,
      String(s.runtime.restarts),
      s.runtime.createdAtMs ? humanAge(now - s.runtime.createdAtMs) : '-',
      s.runtime.containerIds.join(',') || '-',
      s.api ? `${s.api.state}${pod.mirrorStale ? ' (stale)' : ''}` : 'no mirror',
      s.api ? s.api.ready : '-',
      s.api ? String(s.api.restarts) : '-',
      s.api?.createdAtMs ? humanAge(now - s.api.createdAtMs) : '-',
    ];
  });
  const t = escapeForTerminal;
  const setup = snapshot.setup;
  const tool = (ref: ToolRef | undefined) =>
    ref?.path ? ` [${t(ref.argv.join(' '))}${ref.version ? `, ${t(ref.version)}` : ''}]` : '';
  const log = snapshot.kubeletLog;
  const lines = [
    `Node ${t(snapshot.nodeName)} · static pod path ${t(snapshot.manifests.path ?? '(none)')} (${t(snapshot.manifests.explanation)})`,
    ...(setup
      ? [
          `Set-up: ${t(setup.label)} (${setup.support})${setup.supportNote && setup.support !== 'supported' ? ` — ${t(setup.supportNote)}` : ''}`,
        ]
      : []),
    ...(snapshot.readAs
      ? [`Read as: ${t(snapshot.readAs.user)}${snapshot.readAs.root ? ' with root' : ' without root'}`]
      : []),
    `crictl${tool(snapshot.tools?.crictl)}: ${snapshot.runtime.available ? 'ok' : `unavailable: ${t(snapshot.runtime.reason ?? 'no reason given')}`}`,
    `kubectl (${snapshot.api.via === 'kubeconfig' ? 'your kubeconfig' : 'on the node'})${snapshot.api.via === 'kubeconfig' ? '' : tool(snapshot.tools?.kubectl)}: ${snapshot.api.available ? 'ok' : `unavailable: ${t(snapshot.api.reason ?? 'no reason given')}`}`,
    ...(log
      ? [
          `kubelet log (${t(log.source)}): ${log.readable ? `${log.lines} lines of the last ${log.windowSeconds} s${log.complete ? '' : ' (cut short by a size bound)'}` : `unavailable: ${t(log.reason ?? 'no reason given')}`}`,
        ]
      : []),
    '',
    formatTable(
      [
        'NAMESPACE',
        'NAME',
        'KIND',
        'MANIFEST',
        'CRICTL',
        'READY',
        'RESTARTS',
        'AGE',
        'CONTAINERS',
        'KUBECTL',
        'READY',
        'RESTARTS',
        'AGE',
      ],
      rows,
    ),
    '',
  ];
  if (snapshot.findings.length === 0)
    lines.push('No findings: the manifests, the runtime and the API server agree.');
  for (const f of snapshot.findings) {
    lines.push(
      `${f.severity.toUpperCase()}: ${t(f.title)}`,
      `  ${t(f.explanation)}`,
      ...f.evidence.map((e) => `  > ${t(e)}`),
      `  Next: ${t(f.nextStep)}`,
      '',
    );
  }
  return lines.join('\n').trimEnd();
}

export const statusCommand: CliCommand = {
  name: 'status',
  usage: 'status <node> [--json]',
  summary: "The node's pods: manifests, crictl and kubectl joined, with findings (exit 1 on an error).",
  options: {},
  async run(context) {
    const client = await context.client();
    const before = (await client.call('nodes.list', {})).find((n) => n.kind === 'sandbox');
    const node = await connectCliNode(client, context.args.positionals[0]);
    const justStarted = node.kind === 'sandbox' && before?.state !== 'connected';
    const snapshot = await settledSnapshot(client, node.id, justStarted);
    context.out(context.json ? JSON.stringify(snapshot) : formatStatus(snapshot));
    return snapshot.findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};
