/**
 * journalctl's --since/--until timestamps (systemd parse_timestamp, `man systemd.time`), in µs:
 * `YYYY-MM-DD [HH:MM[:SS[.frac]]]`, `HH:MM[:SS]` (today), `now|today|yesterday|tomorrow`,
 * relative `-10min`, `+1h`, `10 min ago`, `@<epoch seconds>`, optional ` UTC` suffix.
 * Local times use the process time zone, as journalctl does.
 */
const USEC_PER: Array<[RegExp, number]> = [
  [/^(usec|us|µs)$/, 1],
  [/^(msec|ms)$/, 1e3],
  [/^(seconds|second|sec|s)$/, 1e6],
  [/^(minutes|minute|min|m)$/, 60e6],
  [/^(hours|hour|hr|h)$/, 3600e6],
  [/^(days|day|d)$/, 86400e6],
  [/^(weeks|week|w)$/, 7 * 86400e6],
  [/^(months|month|M)$/, 2629800e6],
  [/^(years|year|y)$/, 31557600e6],
];

/** A systemd time span like `10min`, `1h 30min`, `90` (seconds) → µs, or null. */
export function parseTimeSpan(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  let total = 0;
  const re = /(\d+(?:\.\d+)?)\s*([a-zA-Zµ]*)\s*/gy;
  let pos = 0;
  let m: RegExpExecArray | null;
  while (pos < s.length && (m = re.exec(s))) {
    pos = re.lastIndex;
    const unit = m[2] === '' ? 1e6 : USEC_PER.find(([r]) => r.test(m![2]))?.[1];
    if (unit === undefined) return null;
    total += Number(m[1]) * unit;
  }
  return pos === s.length ? Math.round(total) : null;
}

function startOfLocalDay(ms: number, addDays: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + addDays).getTime();
}

/** Parses a journalctl timestamp argument relative to `nowMs`; µs since the epoch, or null. */
export function parseJournalTimestamp(raw: string, nowMs: number): number | null {
  let s = raw.trim();
  const nowUs = nowMs * 1000;
  if (s === 'now') return nowUs;
  if (s === 'today') return startOfLocalDay(nowMs, 0) * 1000;
  if (s === 'yesterday') return startOfLocalDay(nowMs, -1) * 1000;
  if (s === 'tomorrow') return startOfLocalDay(nowMs, 1) * 1000;
  if (s.startsWith('@')) {
    const secs = Number(s.slice(1));
    return Number.isFinite(secs) && s.length > 1 ? Math.round(secs * 1e6) : null;
  }
  if (s[0] === '-' || s[0] === '+') {
    const span = parseTimeSpan(s.slice(1));
    return span === null ? null : s[0] === '-' ? nowUs - span : nowUs + span;
  }
  if (s.endsWith(' ago')) {
    const span = parseTimeSpan(s.slice(0, -4));
    return span === null ? null : nowUs - span;
  }
  let utc = false;
  if (/ UTC$/.test(s) || /Z$/.test(s)) {
    utc = true;
    s = s.replace(/ UTC$|Z$/, '');
  }
  s = s.replace(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]* /, '');
  const m = /^(?:(\d{4})-(\d{2})-(\d{2}))?(?:[ T]?(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/.exec(s);
  if (!m || (!m[1] && !m[4])) return null;
  const now = new Date(nowMs);
  const [y, mo, d] = m[1]
    ? [Number(m[1]), Number(m[2]) - 1, Number(m[3])]
    : [now.getFullYear(), now.getMonth(), now.getDate()];
  const [h, mi, sec] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return null;
  const ms = utc ? Date.UTC(y, mo, d, h, mi, sec) : new Date(y, mo, d, h, mi, sec).getTime();
  const frac = m[7] ? Number(m[7].padEnd(6, '0')) : 0;
  return ms * 1000 + frac;
}
