/**
 * `kubelet-studio logs <node> [-f] [--pod NAME] [--level W] [--since T] [--lines N] [--json]`:
 * the kubelet's log from the same follow session and store as the viewer (issue 7 point 5).
 * Without -f it reads the last N lines and exits; with -f it keeps printing until Ctrl-C.
 * Each line is printed as the node wrote it (as `journalctl -o cat` would) with control and
 * bidirectional characters escaped (terminal-text.ts), or as a JSON row with --json.
 */
import type { ContractClient, StreamHandle } from '../../../contract';
import type { LogFilter } from '../../../contract/domain/log-filter';
import type { LogRow, LogSeverity } from '../../../contract/domain/logs';
import { LOG_MAX_ROWS_PER_CALL } from '../../../contract/ops/logs';
import { UsageError, optionInt, optionString } from '../args';
import type { CliContext } from '../command';
import { connectCliNode } from '../node-target';
import { escapeForTerminal } from '../terminal-text';

const LEVELS: Record<string, LogSeverity[]> = {
  I: ['I', 'W', 'E', 'F', 'unknown'],
  W: ['W', 'E', 'F'],
  E: ['E', 'F'],
  F: ['F'],
};

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `ns/name` filters on the pod (docs/kubelet.md §5.3); a bare name matches it in any namespace. */
export function cliLogFilter(pod: string | undefined, level: string | undefined): LogFilter {
  const filter: LogFilter = {};
  if (pod) {
    if (pod.includes('/')) filter.pod = { pod };
    else filter.regex = `/${escapeRegex(pod)}(?![A-Za-z0-9._-])`;
  }
  if (level) {
    const severities = LEVELS[level.toUpperCase()];
    if (!severities) throw new UsageError('--level must be one of I, W, E, F');
    filter.severities = severities;
  }
  return filter;
}

async function printFrom(
  client: ContractClient,
  session: string,
  filter: LogFilter,
  from: number,
  context: CliContext,
): Promise<number> {
  let next = from;
  for (;;) {
    const { total, rows } = await client.call('logs.rows', {
      session,
      filter,
      start: next,
      count: LOG_MAX_ROWS_PER_CALL,
    });
    for (const row of rows) context.out(formatRow(row, context.json));
    next += rows.length;
    if (rows.length === 0 || next >= total) return next;
  }
}

function formatRow(row: LogRow, json: boolean): string {
  if (json) return JSON.stringify(row);
  const text = escapeForTerminal(row.raw);
  return row.kind === 'gap' ? `-- ${text} --` : text;
}

export async function run(context: CliContext): Promise<number> {
  const follow = context.args.options.has('f') || context.args.options.has('follow');
  const filter = cliLogFilter(optionString(context.args, 'pod'), optionString(context.args, 'level'));
  const since = optionString(context.args, 'since');
  if (since !== undefined && !/^[-+0-9A-Za-z :.]+$/.test(since))
    throw new UsageError('--since takes a journalctl time such as -10min or "2024-10-11 01:00"');
  const history = optionInt(context.args, 'lines', 0, 1_000_000) ?? (since ? 1_000_000 : 1000);
  const client = await context.client();
  const node = await connectCliNode(client, context.args.positionals[0]);
  return new Promise<number>((resolve, reject) => {
    let session: string | null = null;
    let printed = 0;
    let printing = Promise.resolve();
    let handle: StreamHandle | null = null;
    let failed = false;
    const onInterrupt = () => {
      handle?.close();
      void printing.then(() => resolve(0));
    };
    const print = () => {
      const id = session;
      if (!id) return;
      printing = printing.then(async () => {
        printed = await printFrom(client, id, filter, printed, context);
      });
      printing.catch(reject);
    };
    handle = client.open(
      'logs.follow',
      { id: node.id, history, follow, since },
      {
        onEvent(status) {
          session = status.session;
          if (status.state === 'reconnecting' && status.message)
            context.err(`${node.name}: ${status.message}`);
          // The log could not be read (no permission, missing, no journalctl): say why and stop,
          // rather than wait for lines that cannot come.
          if (status.state === 'failed' && !failed) {
            failed = true;
            context.err(`${node.name}: ${status.message ?? "the kubelet's log could not be read"}`);
            process.off('SIGINT', onInterrupt);
            handle?.close();
            void printing.then(() => resolve(1), reject);
            return;
          }
          if (follow) print();
        },
        onEnd(error) {
          process.off('SIGINT', onInterrupt);
          if (error) return reject(error);
          print();
          void printing.then(() => resolve(0), reject);
        },
      },
    );
    if (follow) process.once('SIGINT', onInterrupt);
  });
}
