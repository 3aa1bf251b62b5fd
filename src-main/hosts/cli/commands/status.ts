/**
 * `kubelet-studio status <node> [--json]` (issue 6 point 8): the joined table (manifest,
 * crictl and kubectl side by side) and the findings with their evidence, root causes first with
 * the findings they explain under them. Exit 0 when no finding
 * is an error, 1 otherwise, so it can gate scripts and CI.
 */
import type { ContractClient } from '../../../contract';
import type { Finding, NodePodsSnapshot } from '../../../contract/domain/node-pods';
import type { ToolRef } from '../../../contract/domain/node-setup';
import { humanAge, summarizePod } from '../../../contract/domain/node-pods-summary';
import type { CliContext } from '../command';
import { connectCliNode } from '../node-target';
import { formatTable } from '../table';
import { escapeForTerminal } from '../terminal-text';

const signature = (s: NodePodsSnapshot) =>
  JSON.stringify([
    s.api.available,
    s.pods.map((p) => [p.uid, p.apiPod?.uid, p.containers.map((c) => c.state)]),
    s.findings.map((f) => f.kind),
  ]);

/** How long after its boot a Sandbox node may still be bringing its pods up. */
const BOOT_SETTLE_MS = 20_000;

/**
 * A Sandbox node that booted moments ago is still starting its pods: wait until two snapshots
 * 4 s apart agree, at most until 20 s after the boot. One that has run longer (an earlier run
 * left it up, sandbox-node.ts) is shown at once.
 */
async function settledSnapshot(
  client: ContractClient,
  id: string,
  bootedAt: number | undefined,
): Promise<NodePodsSnapshot> {
  let snapshot = await client.call('pods.snapshot', { id });
  if (bootedAt === undefined) return snapshot;
  const deadline = bootedAt + BOOT_SETTLE_MS;
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
    ...(snapshot.nodeNameInfo
      ? [
          `Node name: ${t(snapshot.nodeNameInfo.name)}${snapshot.nodeNameInfo.certain ? '' : ' (not confirmed)'} — ${t(snapshot.nodeNameInfo.how)}`,
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
  const causes = snapshot.causes ?? [];
  if (snapshot.findings.length === 0 && causes.length === 0)
    lines.push('No findings: the manifests, the runtime and the API server agree.');
  const item = (
    label: string,
    f: Omit<Finding, 'kind' | 'severity' | 'podUid' | 'manifestPath'>,
    pad: string,
  ) =>
    lines.push(
      `${pad}${label}: ${t(f.title)}`,
      `${pad}  ${t(f.explanation)}`,
      ...f.evidence.map((e) => `${pad}  > ${t(e)}`),
      `${pad}  Next: ${t(f.nextStep)}`,
      '',
    );
  // Causes first, each with the findings it explains indented under it; then the others.
  const known = new Set(causes.map((c) => c.id));
  for (const c of causes) {
    item('CAUSE', c, '');
    for (const f of snapshot.findings.filter((x) => x.causeId === c.id))
      item(f.severity.toUpperCase(), f, '    ');
  }
  for (const f of snapshot.findings.filter((x) => !x.causeId || !known.has(x.causeId)))
    item(f.severity.toUpperCase(), f, '');
  return lines.join('\n').trimEnd();
}

export async function run(context: CliContext): Promise<number> {
  const client = await context.client();
  const node = await connectCliNode(client, context.args.positionals[0]);
  const bootedAt = node.kind === 'sandbox' ? node.startedAt : undefined;
  const snapshot = await settledSnapshot(client, node.id, bootedAt);
  context.out(context.json ? JSON.stringify(snapshot) : formatStatus(snapshot));
  return snapshot.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
