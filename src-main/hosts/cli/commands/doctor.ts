/**
 * `kubelet-studio doctor <node> [--json]`: certificates, cgroup driver, etcd, node conditions
 * and images of one node, each finding with its evidence and next step, and the checks that could
 * not run with why (docs/doctor.md). Exit 0 without error findings, 1 otherwise.
 */
import type { CliCommand } from '../command';
import { connectCliNode } from '../node-target';
import { escapeForTerminal } from '../terminal-text';
import { formatReport } from '../../../core/bundle/format-report';

export const doctorCommand: CliCommand = {
  name: 'doctor',
  usage: 'doctor <node> [--json]',
  summary: "Certificates, cgroup driver, etcd, conditions and images of a node's control plane.",
  options: {},
  async run(context) {
    const client = await context.client();
    const node = await connectCliNode(client, context.args.positionals[0]);
    const report = await client.call('doctor.run', { id: node.id });
    if (context.json) context.out(JSON.stringify(report, null, 2));
    else context.out(formatReport(report).split('\n').map(escapeForTerminal).join('\n'));
    return report.findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};
