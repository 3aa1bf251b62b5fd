/**
 * `kubelet-studio drift <node> <node> [<node>…] [--json]`: the static pod manifests of several
 * control-plane nodes compared after masking each node's own name and addresses (docs/cluster.md
 * "Drift"). Exit 0 when every node was read and no pod differs, 1 otherwise.
 */
import type { DriftReport } from '../../../contract/domain/drift';
import { UsageError } from '../args';
import type { CliContext } from '../command';
import { connectTarget, mapWithLimit } from '../connect-targets';
import { escapeForTerminal } from '../terminal-text';

export async function run(context: CliContext): Promise<number> {
  const targets = context.args.positionals;
  if (targets.length < 2) throw new UsageError('name at least two nodes to compare');
  const client = await context.client();
  const connected = await mapWithLimit(targets, 8, (t) => connectTarget(client, t));
  const ids = connected.flatMap((c) => ('node' in c ? [c.node.id] : []));
  const unreachable = connected.flatMap((c) => ('error' in c ? [c] : []));
  const report: DriftReport =
    ids.length >= 2
      ? await client.call('cluster.drift', { ids })
      : { nodes: [], pods: [], ignored: [], comparedAt: Date.now() };
  if (ids.length < 2)
    for (const c of connected)
      if ('node' in c)
        report.nodes.push({
          name: c.node.name,
          read: false,
          detail: 'fewer than two nodes could be reached',
          maskedNames: [],
          maskedAddresses: [],
          problems: [],
        });
  for (const u of unreachable)
    report.nodes.push({
      name: u.target,
      read: false,
      detail: u.error,
      maskedNames: [],
      maskedAddresses: [],
      problems: [],
    });
  if (context.json) context.out(JSON.stringify(report, null, 2));
  else context.out(formatDrift(report).split('\n').map(escapeForTerminal).join('\n'));
  const clean =
    report.nodes.every((n) => n.read && n.problems.length === 0) &&
    report.pods.every((p) => p.status === 'same');
  return clean ? 0 : 1;
}

export function formatDrift(report: DriftReport): string {
  const lines: string[] = [];
  for (const n of report.nodes) {
    if (!n.read) {
      lines.push(`${n.name}: not compared: ${n.detail}`);
      continue;
    }
    const masked = [...n.maskedNames, ...n.maskedAddresses].join(', ') || 'nothing';
    lines.push(`${n.name}: ${n.detail}; masked as per-node: ${masked}`);
    for (const p of n.problems) lines.push(`  not decoded: ${p}`);
  }
  lines.push('');
  const width = Math.max(12, ...report.pods.map((p) => p.pod.length));
  for (const pod of report.pods) {
    const odd = [...new Set(pod.differences.flatMap((d) => d.odd))];
    const notes = [
      ...(odd.length
        ? [`differs on ${odd.join(', ')}`]
        : pod.differences.length
          ? ['differs, no majority']
          : []),
      ...(pod.missingOn.length ? [`missing on ${pod.missingOn.join(', ')}`] : []),
      ...(pod.undecidedOn.length
        ? [`not decided on ${pod.undecidedOn.join(', ')} (a manifest did not decode)`]
        : []),
    ];
    lines.push(`${pod.pod.padEnd(width)}  ${notes.length ? notes.join('; ') : 'same on every node'}`);
    for (const d of pod.differences) {
      lines.push(`  ${d.container ?? '(pod)'} ${d.category}: ${d.field}`);
      for (const v of d.values) {
        const mark = d.odd.length && v.nodes.every((n) => d.odd.includes(n)) ? '  <- differs' : '';
        lines.push(`    ${v.value === null ? '(absent)' : v.value}: ${v.nodes.join(', ')}${mark}`);
      }
    }
  }
  if (report.pods.length === 0) lines.push('No static pod manifests were compared.');
  if (report.ignored.length)
    lines.push('', `Not compared (differ between healthy nodes): ${report.ignored.join('; ')}`);
  return lines.join('\n');
}
