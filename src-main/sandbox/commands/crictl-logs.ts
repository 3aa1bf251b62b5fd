/**
 * `crictl logs [-f] [-p] [--tail N] [-t] [--since T] [--stream S] ID` (cri-tools logs.go with the
 * kubelet's ReadLogs): reads the container's CRI log file (SimContainer.logPath, a node path
 * resolved below the sim root), strips the CRI prefix, writes stdout-stream lines to stdout and
 * stderr-stream lines to stderr, and with -f follows the file until the container stops or the
 * process is told to end.
 */
import fsp from 'node:fs/promises';
import { flag, optValue, type OptionSpec, type ParsedArgs } from './args';
import { lookupById } from './crictl-ids';
import { CrictlError, parseGoInt } from './crictl-errors';
import type { CrictlContext } from './crictl-context';
import { goRfc3339Nano, LineSplitter, parseCriLogLine, tailStart, type CriLogEntry } from './cri-log';
import { fileIdentity, followFile } from './file-follow';
import { nodePath, readNodeState } from './state';

export const LOGS_OPTIONS: OptionSpec[] = [
  { name: 'follow', short: 'f', value: 'none' },
  { name: 'previous', short: 'p', value: 'none' },
  { name: 'tail', value: 'required' },
  { name: 'limit-bytes', value: 'required' },
  { name: 'since', value: 'required' },
  { name: 'timestamps', short: 't', value: 'none' },
  { name: 'stream', short: 's', value: 'required' },
];

/** docker's GetTimestamp: a Go duration (`42m`, `1h30m`) back from now, or an absolute time. */
export function parseSince(value: string, nowMs: number): number {
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  if (/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(value)) {
    let total = 0;
    for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
      total += Number(m[1]) * units[m[2]];
    return nowMs - total;
  }
  const t = Date.parse(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value) ? value + 'Z' : value);
  if (Number.isNaN(t)) {
    if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
    throw new CrictlError(`failed to parse value as time or duration: ${JSON.stringify(value)}`);
  }
  return t;
}

export async function crictlLogs(ctx: CrictlContext, args: ParsedArgs): Promise<number> {
  const id = args.positionals[0];
  if (!id) throw new CrictlError('ID cannot be empty');
  const stream = optValue(args, 'stream') ?? '';
  if (!['stdout', 'stderr', ''].includes(stream))
    throw new CrictlError(`invalid stream ${JSON.stringify(stream)}, must be "stdout" or "stderr"`);
  if (args.options.has('tail') && args.options.has('stream'))
    throw new CrictlError('--tail and --stream are mutually exclusive');
  const tail = parseGoInt(optValue(args, 'tail') ?? '-1', 'tail');
  const sinceRaw = optValue(args, 'since');
  const sinceMs = sinceRaw ? parseSince(sinceRaw, ctx.io.now()) : undefined;
  const timestamps = flag(args, 'timestamps');

  const state = await ctx.state();
  const found = lookupById(state.containers, id, 'container');
  if (!found.ok) throw new CrictlError(found.error);
  const c = found.item;
  let logPath = c.logPath;
  if (!logPath) throw new CrictlError('the container has not set log path');
  if (flag(args, 'previous')) {
    if (c.attempt === 0) throw new CrictlError(`previous terminated container ${c.name} not found`);
    logPath =
      logPath.slice(0, logPath.lastIndexOf('/') + 1) +
      String(c.attempt - 1) +
      logPath.slice(logPath.lastIndexOf('.'));
  }
  const file = nodePath(ctx.paths, logPath);

  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch {
    throw new CrictlError(
      `failed to try resolving symlinks in path ${JSON.stringify(logPath)}: lstat ${logPath}: no such file or directory`,
    );
  }
  const write = (e: CriLogEntry): boolean => {
    if (sinceMs !== undefined && e.timeMs < sinceMs) return true;
    if (stream && e.stream !== stream) return true;
    const sink = e.stream === 'stdout' ? ctx.io.stdout : ctx.io.stderr;
    const out = (timestamps ? goRfc3339Nano(e.timestamp) + ' ' : '') + e.content + (e.partial ? '' : '\n');
    return sink.write(out) !== false;
  };
  const splitter = new LineSplitter();
  const entries = splitter
    .push(text)
    .map(parseCriLogLine)
    .filter((e): e is CriLogEntry => e !== null);
  for (const e of entries.slice(tailStart(entries, tail))) if (!write(e)) return 0;

  if (!flag(args, 'follow') || c.state !== 'CONTAINER_RUNNING' || !ctx.io.signal) return 0;
  const ident = await fileIdentity(file);
  // Throttle state-file checks on the wall clock (io.now() may be pinned in tests).
  let lastCheck = performance.now();
  await followFile({
    path: file,
    offset: Buffer.byteLength(text),
    ino: ident?.ino ?? 0,
    signal: ctx.io.signal,
    onData: (chunk) => {
      for (const line of splitter.push(chunk)) {
        const e = parseCriLogLine(line);
        if (e && !write(e)) return false;
      }
      return true;
    },
    // The kubelet rotates by renaming; a new file starts from its beginning.
    onReplaced: () => {
      splitter.reset();
      return 0;
    },
    // The kubelet's follow loop ends once the container is no longer running.
    onTick: async () => {
      if (performance.now() - lastCheck < 500) return true;
      lastCheck = performance.now();
      const now = await readNodeState(ctx.paths);
      return now?.containers.find((x) => x.id === c.id)?.state === 'CONTAINER_RUNNING';
    },
  });
  return 0;
}
