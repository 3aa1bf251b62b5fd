/**
 * `kubelet-studio check <node>… [--concurrency N] [--format text|json|junit] [--fail-on
 * error|warning]`: the static pod findings and the doctor's findings of many nodes, at most N
 * at a time, one SSH connection each (docs/cluster.md "Fleet check"). Text results are printed
 * as each node finishes, then one summary; JSON and JUnit are one document at the end. An
 * unreachable node is a result. Exit 1 when some node is at or above --fail-on (default
 * error; an unreachable node always counts), else 0. Asks nothing: it runs under cron and CI.
 */
import type { ContractClient, NodeSummary } from '../../../contract';
import { UsageError, optionInt, optionString } from '../args';
import type { CliContext } from '../command';
import { connectTarget, errorText, mapWithLimit } from '../connect-targets';
import {
  exitStatus,
  jsonReport,
  junitReport,
  summarize,
  textLine,
  textSummary,
  type CheckFinding,
  type CheckResult,
} from '../check-report';
import { escapeForTerminal } from '../terminal-text';

const FORMATS = ['text', 'json', 'junit'] as const;
type Format = (typeof FORMATS)[number];

async function checkNode(
  client: ContractClient,
  node: NodeSummary,
  target: string,
  started: number,
): Promise<CheckResult> {
  const findings: CheckFinding[] = [];
  const notRun: string[] = [];
  let name = node.name;
  const [pods, doctor] = await Promise.allSettled([
    client.call('pods.snapshot', { id: node.id }),
    client.call('doctor.run', { id: node.id }),
  ]);
  if (pods.status === 'fulfilled') {
    for (const f of pods.value.findings)
      findings.push({
        source: 'pods',
        kind: f.kind,
        severity: f.severity,
        title: f.title,
        explanation: f.explanation,
      });
  } else notRun.push(`static pods: ${errorText(pods.reason)}`);
  if (doctor.status === 'fulfilled') {
    name = doctor.value.nodeName || name;
    for (const f of doctor.value.findings)
      findings.push({
        source: 'doctor',
        kind: f.kind,
        severity: f.severity,
        title: f.title,
        explanation: f.explanation,
      });
  } else notRun.push(`doctor: ${errorText(doctor.reason)}`);
  return { target, node: name, reachable: true, findings, notRun, durationMs: Date.now() - started };
}

export async function run(context: CliContext): Promise<number> {
  const targets = context.args.positionals;
  if (targets.length === 0)
    throw new UsageError('name the nodes to check (ssh aliases, user@host[:port], sandbox)');
  const format = (optionString(context.args, 'format') ?? (context.json ? 'json' : 'text')) as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format is one of ${FORMATS.join(', ')}`);
  const failOn = optionString(context.args, 'fail-on') ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning') throw new UsageError('--fail-on is error or warning');
  const concurrency = optionInt(context.args, 'concurrency', 1, 64) ?? 8;
  const startedAt = Date.now();
  const client = await context.client();
  const results = await mapWithLimit(targets, concurrency, async (target) => {
    const started = Date.now();
    const connected = await connectTarget(client, target);
    const result: CheckResult =
      'node' in connected
        ? await checkNode(client, connected.node, target, started).catch((e: unknown) => ({
            target,
            node: connected.node.name,
            reachable: false as const,
            error: errorText(e),
            durationMs: Date.now() - started,
          }))
        : {
            target,
            node: target,
            reachable: false,
            error: connected.error,
            durationMs: Date.now() - started,
          };
    if (format === 'text') for (const line of textLine(result)) context.out(escapeForTerminal(line));
    return result;
  });
  if (format === 'text') context.out(textSummary(summarize(results)));
  else if (format === 'json') context.out(jsonReport(results, startedAt));
  else context.out(junitReport(results, startedAt, failOn));
  return exitStatus(results, failOn);
}
