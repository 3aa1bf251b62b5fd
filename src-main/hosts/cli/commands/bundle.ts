/**
 * `kubelet-studio bundle <node|cluster> [--output FILE] [--json]`: the break-glass archive
 * (docs/doctor.md "Bundle") of one node, or with `cluster` of every node of the node list that is
 * connected or can be connected (the Sandbox node only when named).
 */
import type { CliCommand } from '../command';
import { optionString } from '../args';
import { connectCliNode } from '../node-target';
import { escapeForTerminal } from '../terminal-text';

export const bundleCommand: CliCommand = {
  name: 'bundle',
  usage: 'bundle <node|cluster> [--output FILE]',
  summary: 'One tar.gz of manifests, pods, findings, logs, certificates and configs; secrets redacted.',
  options: { output: { value: true } },
  async run(context) {
    const client = await context.client();
    const target = context.args.positionals[0];
    let ids: string[];
    if (target === 'cluster') {
      const nodes = (await client.call('nodes.list', {})).filter((n) => n.kind === 'ssh');
      ids = [];
      for (const n of nodes) {
        try {
          ids.push((n.state === 'connected' ? n : await client.call('nodes.connect', { id: n.id })).id);
        } catch (error) {
          context.err(`kubelet-studio: ${n.name} left out: ${(error as Error).message}`);
        }
      }
      if (ids.length === 0) {
        context.err('kubelet-studio: no node of the node list could be connected.');
        return 1;
      }
    } else ids = [(await connectCliNode(client, target)).id];
    const output = optionString(context.args, 'output');
    const result = await client.call('doctor.bundle', { ids, ...(output ? { output } : {}) });
    if (context.json) context.out(JSON.stringify(result, null, 2));
    else {
      context.out(
        `Wrote ${escapeForTerminal(result.path)} (${result.bytes} bytes, ${result.redactions} secrets redacted)`,
      );
      for (const n of result.nodes)
        context.out(
          `  ${escapeForTerminal(n.name)}: ${n.files} files${n.problems.length ? `; ${n.problems.length} things could not be read (problems.txt)` : ''}`,
        );
    }
    return 0;
  },
};
