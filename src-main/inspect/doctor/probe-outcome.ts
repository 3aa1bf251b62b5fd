/**
 * What one connection the doctor made on the node shows, said no further than it shows: an
 * answer (its body), a refused connection (nothing listens at that address: evidence), no
 * answer in time (not evidence that anything is down), or no tool to ask with (nothing known).
 * Read from the tool's exit code and messages: openssl s_client's `connect:errno=111`, curl -v's
 * `connect to … failed: Connection refused`, wget's `failed: Connection refused.`, python3's
 * `[Errno 111] Connection refused`; `timeout`(1) exits 124, curl 28 on its own timeout.
 */
import type { BatchSection } from '../../node/batch/batch-script';

export type ProbeOutcome = 'answered' | 'refused' | 'timeout' | 'no-tool' | 'failed' | 'not-probed';

/** A connection the doctor chose not to make (probe-address.ts): the reason is its message. */
export function notProbed(reason: string): ProbeResult {
  return { outcome: 'not-probed', tool: null, body: '', message: reason };
}

export interface ProbeResult {
  outcome: ProbeOutcome;
  /** The tool that asked (the section's first stdout line), null when none could. */
  tool: string | null;
  /** What came back after the tool's line. */
  body: string;
  /** The tool's own message, verbatim, when it did not get an answer. */
  message: string | null;
}

const REFUSED = /Connection refused|errno=111|Errno 111\b/i;
const TIMED_OUT = /timed out|Timeout was reached|Operation timed out/i;

export function probeResult(section: BatchSection | undefined): ProbeResult {
  if (!section) return { outcome: 'failed', tool: null, body: '', message: 'not run' };
  const [first = '', ...rest] = section.stdout.toString('utf8').split('\n');
  const tool = first && !first.startsWith('-----') ? first : null;
  const body = (tool ? rest : [first, ...rest]).join('\n');
  const stderr = section.stderr.trim();
  const message = stderr.split('\n').filter(Boolean).pop() ?? null;
  if (!tool && section.code === 127)
    return { outcome: 'no-tool', tool: null, body: '', message: message ?? 'no tool to connect with' };
  if (REFUSED.test(stderr))
    return { outcome: 'refused', tool, body, message: refusedLine(stderr) ?? message };
  if (section.code === 124 || section.code === 28 || TIMED_OUT.test(stderr))
    return { outcome: 'timeout', tool, body, message: message ?? `no answer (exit ${section.code})` };
  if (section.code === 0 || /-----BEGIN CERTIFICATE-----/.test(body))
    return { outcome: 'answered', tool, body, message: null };
  return { outcome: 'failed', tool, body, message: message ?? `exit ${section.code}` };
}

function refusedLine(stderr: string): string | null {
  return (
    stderr
      .split('\n')
      .map((l) => l.trim())
      .find((l) => REFUSED.test(l)) ?? null
  );
}

/** The outcome in words for a check's detail: what was observed, and only that. */
export function describeProbe(r: ProbeResult, where: string, seconds: number): string {
  switch (r.outcome) {
    case 'answered':
      return `${r.tool ?? 'read'}: answered`;
    case 'refused':
      return `nothing listens on ${where}: connection refused (${r.tool ?? 'read'}: ${r.message ?? ''})`;
    case 'timeout':
      return `no answer from ${where} within ${seconds} s (${r.tool ?? 'read'}${r.message ? `: ${r.message}` : ''}); that is not evidence that it is down`;
    case 'no-tool':
      return `could not check ${where}: ${r.message ?? 'no tool'}`;
    case 'failed':
      return `could not read ${where}: ${r.message ?? 'failed'}`;
    case 'not-probed':
      return `${where}: ${r.message ?? 'not probed'}`;
  }
}
