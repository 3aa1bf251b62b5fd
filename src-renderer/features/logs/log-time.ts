/**
 * The log filter's "from" and "until" fields: one text field each (one Tab stop, where a
 * datetime-local input costs eight), read the ways an operator writes a moment:
 *   "14:05" or "14:05:30"            today, local time
 *   "2024-05-01 14:05[:30]"          a date and time, local (also with a "T")
 *   "15m", "2h", "30s", "1d" (ago)   that long before now ("-15m" and "15m ago" too)
 * Pure (the clock is passed in); tested in test/unit/renderer/log-time.test.ts.
 */
export type TimeParse = { ok: true; ms: number | undefined } | { ok: false; problem: string };

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseLogTime(text: string, now: number): TimeParse {
  const value = text.trim();
  if (value === '') return { ok: true, ms: undefined };
  const ago = /^-?\s*(\d+(?:\.\d+)?)\s*([smhd])(?:\s+ago)?$/i.exec(value);
  if (ago) return { ok: true, ms: now - Number(ago[1]) * UNIT_MS[ago[2]!.toLowerCase()]! };
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (clock) {
    const [h, m, s] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    if (h > 23 || m > 59 || s > 59) return { ok: false, problem: `${value} is not a time of day.` };
    const day = new Date(now);
    day.setHours(h, m, s, 0);
    return { ok: true, ms: day.getTime() };
  }
  const full = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (full) {
    const [y, mo, d, h, mi, s] = full.slice(1).map((part) => Number(part ?? 0)) as number[];
    const date = new Date(y!, mo! - 1, d!, h!, mi!, s!, 0);
    if (date.getMonth() !== mo! - 1 || date.getDate() !== d! || h! > 23 || mi! > 59 || s! > 59)
      return { ok: false, problem: `${value} is not a date and time.` };
    return { ok: true, ms: date.getTime() };
  }
  return { ok: false, problem: `Write a time as 14:05, 2024-05-01 14:05 or 15m (ago).` };
}

/** Whether a regular expression compiles, and if not why (the field is marked with it). */
export function regexProblem(source: string): string | null {
  if (source === '') return null;
  try {
    new RegExp(source);
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}
