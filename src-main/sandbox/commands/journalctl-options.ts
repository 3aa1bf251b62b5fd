/**
 * journalctl's command line (getopt_long, systemd journalctl.c parse_argv) turned into a query,
 * with the real tool's error texts: `journalctl: unrecognized option '--foo'`,
 * `journalctl: invalid option -- 'z'`, `Failed to parse timestamp: …`, exit 1.
 */
import { ArgsError, flag, optValue, optValues, parseArgs, type OptionSpec } from './args';
import { OUTPUT_MODES, type OutputMode } from './journal-formats';
import { parseCursor } from './journal-store';
import { parseJournalTimestamp } from './since-parser';

export const JOURNALCTL_OPTIONS: OptionSpec[] = [
  { name: 'unit', short: 'u', value: 'required' },
  { name: 'identifier', short: 't', value: 'required' },
  { name: 'follow', short: 'f', value: 'none' },
  { name: 'lines', short: 'n', value: 'optional-number' },
  { name: 'output', short: 'o', value: 'required' },
  { name: 'after-cursor', value: 'required' },
  { name: 'cursor', short: 'c', value: 'required' },
  { name: 'show-cursor', value: 'none' },
  { name: 'since', short: 'S', value: 'required' },
  { name: 'until', short: 'U', value: 'required' },
  { name: 'no-pager', value: 'none' },
  { name: 'quiet', short: 'q', value: 'none' },
  { name: 'reverse', short: 'r', value: 'none' },
  { name: 'all', short: 'a', value: 'none' },
  { name: 'boot', short: 'b', value: 'optional-number' },
  { name: 'priority', short: 'p', value: 'required' },
  { name: 'utc', value: 'none' },
  { name: 'no-hostname', value: 'none' },
  { name: 'no-tail', value: 'none' },
  { name: 'pager-end', short: 'e', value: 'none' },
  { name: 'catalog', short: 'x', value: 'none' },
  { name: 'merge', short: 'm', value: 'none' },
  { name: 'system', value: 'none' },
];

export interface JournalQuery {
  /** Field → accepted values; fields AND, values OR (journalctl matches). */
  matches: Map<string, string[]>;
  units: string[];
  boot: boolean;
  maxPriority?: number;
  sinceUs?: number;
  untilUs?: number;
  cursor?: string;
  afterCursor?: boolean;
  /** undefined: all; number: -n N; 'oldest' style via linesOldest. */
  lines?: number;
  linesOldest: boolean;
  follow: boolean;
  reverse: boolean;
  output: OutputMode;
  showCursor: boolean;
  quiet: boolean;
  all: boolean;
  utc: boolean;
  noHostname: boolean;
}

export class JournalctlUsageError extends Error {}

const PRIORITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

function parsePriority(raw: string): number {
  const top = raw.includes('..') ? raw.split('..')[1] : raw;
  const n = /^\d$/.test(top) ? Number(top) : PRIORITIES.indexOf(top);
  if (n < 0 || n > 7) throw new JournalctlUsageError(`Unknown log level ${raw}`);
  return n;
}

function usageText(e: ArgsError): string {
  const p = e.problem;
  if (p.kind === 'unknown-long') return `journalctl: unrecognized option '--${p.flag}'`;
  if (p.kind === 'unknown-short') return `journalctl: invalid option -- '${p.letter}'`;
  return p.viaShort
    ? `journalctl: option requires an argument -- '${p.spec.short}'`
    : `journalctl: option '--${p.spec.name}' requires an argument`;
}

export function parseJournalctlArgs(argv: string[], nowMs: number): JournalQuery {
  let args;
  try {
    args = parseArgs(argv, JOURNALCTL_OPTIONS);
  } catch (e) {
    if (e instanceof ArgsError) throw new JournalctlUsageError(usageText(e));
    throw e;
  }
  const output = (optValue(args, 'output') ?? 'short') as OutputMode;
  if (!OUTPUT_MODES.includes(output)) throw new JournalctlUsageError(`Unknown output format '${output}'.`);

  const matches = new Map<string, string[]>();
  const ids = optValues(args, 'identifier');
  if (ids.length) matches.set('SYSLOG_IDENTIFIER', ids);
  for (const pos of args.positionals) {
    const eq = pos.indexOf('=');
    if (eq <= 0 || !/^[A-Z0-9_]+$/.test(pos.slice(0, eq)))
      throw new JournalctlUsageError(`Failed to add match '${pos}': Invalid argument`);
    matches.set(pos.slice(0, eq), [...(matches.get(pos.slice(0, eq)) ?? []), pos.slice(eq + 1)]);
  }
  // `-u kubelet` means kubelet.service (unit_name_mangle).
  const units = optValues(args, 'unit').map((u) => (/\.[a-z]+$/.test(u) ? u : `${u}.service`));

  const time = (name: string): number | undefined => {
    const raw = optValue(args, name);
    if (raw === undefined) return undefined;
    const us = parseJournalTimestamp(raw, nowMs);
    if (us === null) throw new JournalctlUsageError(`Failed to parse timestamp: ${raw}`);
    return us;
  };
  const sinceUs = time('since');
  const untilUs = time('until');
  if (sinceUs !== undefined && untilUs !== undefined && sinceUs > untilUs)
    throw new JournalctlUsageError('--since= must be before --until=.');

  const cursor = optValue(args, 'cursor');
  const after = optValue(args, 'after-cursor');
  if (cursor !== undefined && after !== undefined)
    throw new JournalctlUsageError(
      'Please specify only one of --cursor=, --cursor-file=, and --after-cursor.',
    );
  const anyCursor = cursor ?? after;
  if (anyCursor !== undefined && !parseCursor(anyCursor))
    throw new JournalctlUsageError('Failed to seek to cursor: Invalid argument');

  const follow = flag(args, 'follow');
  const reverse = flag(args, 'reverse');
  if (follow && reverse)
    throw new JournalctlUsageError('Please specify either --reverse or --follow, not both.');

  let lines: number | undefined;
  let linesOldest = false;
  const rawLines = optValue(args, 'lines');
  if (rawLines !== undefined) {
    if (rawLines === '') lines = 10;
    else if (rawLines !== 'all') {
      if (!/^[+-]?\d+$/.test(rawLines)) throw new JournalctlUsageError(`Failed to parse lines '${rawLines}'`);
      linesOldest = rawLines.startsWith('+');
      lines = Math.abs(Number(rawLines));
    }
  } else if (flag(args, 'pager-end')) lines = 1000;
  // -f shows the last 10 lines unless told otherwise (arg_lines default with --follow).
  if (
    follow &&
    rawLines === undefined &&
    lines === undefined &&
    sinceUs === undefined &&
    anyCursor === undefined &&
    !flag(args, 'no-tail')
  )
    lines = 10;

  return {
    matches,
    units,
    boot: args.options.has('boot'),
    maxPriority:
      optValue(args, 'priority') !== undefined
        ? parsePriority(optValue(args, 'priority') as string)
        : undefined,
    sinceUs,
    untilUs,
    cursor: anyCursor,
    afterCursor: after !== undefined,
    lines,
    linesOldest,
    follow,
    reverse,
    output,
    showCursor: flag(args, 'show-cursor'),
    quiet: flag(args, 'quiet'),
    all: flag(args, 'all'),
    utc: flag(args, 'utc'),
    noHostname: flag(args, 'no-hostname'),
  };
}
