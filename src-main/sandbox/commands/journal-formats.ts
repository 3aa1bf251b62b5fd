/**
 * journalctl output modes (systemd logs-show.c, docs/kubelet.md §5.2):
 * short `Oct 11 01:18:20 controlplane kubelet[20023]: MSG`, short-iso, short-precise,
 * short-iso-precise, short-unix, cat, json (one compact object per line, all values strings,
 * keys as stored), json-pretty, json-seq, export (`KEY=value`, blank line between entries),
 * verbose.
 */
import type { JournalEntry } from '../model';

export const OUTPUT_MODES = [
  'short',
  'short-full',
  'short-iso',
  'short-iso-precise',
  'short-precise',
  'short-unix',
  'cat',
  'json',
  'json-pretty',
  'json-seq',
  'export',
  'verbose',
  'with-unit',
] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

export interface FormatOptions {
  utc: boolean;
  /** -a: print values over 4096 bytes instead of null (json modes). */
  all: boolean;
  noHostname: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  wd: number;
  offMin: number;
}

function timeParts(us: number, utc: boolean): Parts {
  const date = new Date(Math.floor(us / 1000));
  if (utc)
    return {
      y: date.getUTCFullYear(),
      mo: date.getUTCMonth(),
      d: date.getUTCDate(),
      h: date.getUTCHours(),
      mi: date.getUTCMinutes(),
      s: date.getUTCSeconds(),
      wd: date.getUTCDay(),
      offMin: 0,
    };
  return {
    y: date.getFullYear(),
    mo: date.getMonth(),
    d: date.getDate(),
    h: date.getHours(),
    mi: date.getMinutes(),
    s: date.getSeconds(),
    wd: date.getDay(),
    offMin: -date.getTimezoneOffset(),
  };
}

const micros = (us: number) => String(((us % 1e6) + 1e6) % 1e6).padStart(6, '0');
const zone = (off: number) =>
  `${off >= 0 ? '+' : '-'}${p2(Math.trunc(Math.abs(off) / 60))}${p2(Math.abs(off) % 60)}`;

/** The entry's timestamp: the source time if the sender gave one, else the receive time. */
function entryTime(e: JournalEntry): number {
  return Number(e._SOURCE_REALTIME_TIMESTAMP ?? e.__REALTIME_TIMESTAMP);
}

function prefixTime(mode: OutputMode, us: number, utc: boolean): string {
  const t = timeParts(us, utc);
  const clock = `${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}`;
  switch (mode) {
    case 'short-iso':
      return `${t.y}-${p2(t.mo + 1)}-${p2(t.d)}T${clock}${zone(t.offMin)}`;
    case 'short-iso-precise':
      return `${t.y}-${p2(t.mo + 1)}-${p2(t.d)}T${clock}.${micros(us)}${zone(t.offMin)}`;
    case 'short-precise':
      return `${MONTHS[t.mo]} ${p2(t.d)} ${clock}.${micros(us)}`;
    case 'short-unix':
      return `${Math.floor(us / 1e6)}.${micros(us)}`;
    case 'short-full':
      return `${DAYS[t.wd]} ${t.y}-${p2(t.mo + 1)}-${p2(t.d)} ${clock} ${utc || t.offMin === 0 ? 'UTC' : zone(t.offMin)}`;
    default:
      return `${MONTHS[t.mo]} ${p2(t.d)} ${clock}`;
  }
}

function shortLine(e: JournalEntry, mode: OutputMode, o: FormatOptions): string {
  const ident = e.SYSLOG_IDENTIFIER ?? e._COMM ?? 'unknown';
  const pid = e.SYSLOG_PID ?? e._PID;
  const host = o.noHostname || !e._HOSTNAME ? '' : ` ${e._HOSTNAME}`;
  const unit = mode === 'with-unit' && e._SYSTEMD_UNIT ? ` ${e._SYSTEMD_UNIT}` : '';
  return `${prefixTime(mode, entryTime(e), o.utc)}${host}${unit} ${ident}${pid ? `[${pid}]` : ''}: ${e.MESSAGE ?? ''}\n`;
}

const jsonValue = (v: string, o: FormatOptions) =>
  !o.all && Buffer.byteLength(v) > 4096 ? 'null' : JSON.stringify(v);

/** The fields `-o export` prints first, before the entry's data fields (logs-show.c output_export). */
const EXPORT_HEAD = [
  '__CURSOR',
  '__REALTIME_TIMESTAMP',
  '__MONOTONIC_TIMESTAMP',
  '__SEQNUM',
  '__SEQNUM_ID',
  '_BOOT_ID',
];

export function formatEntry(e: JournalEntry, mode: OutputMode, o: FormatOptions): string {
  switch (mode) {
    case 'cat':
      return `${e.MESSAGE ?? ''}\n`;
    case 'json':
    case 'json-seq': {
      // With -a nothing is nulled, and a compact object of string values is exactly what
      // JSON.stringify writes: the fast path for `-o json --all` (the app's command, issue 7).
      const body = o.all
        ? JSON.stringify(e)
        : `{${Object.entries(e)
            .map(([k, v]) => `${JSON.stringify(k)}:${jsonValue(v, o)}`)
            .join(',')}}`;
      return mode === 'json-seq' ? `\x1e${body}\n` : `${body}\n`;
    }
    case 'json-pretty':
      return `{\n${Object.entries(e)
        .map(([k, v]) => `\t${JSON.stringify(k)} : ${jsonValue(v, o)}`)
        .join(',\n')}\n}\n`;
    case 'export': {
      const head = EXPORT_HEAD.filter((k) => e[k] !== undefined).map((k) => `${k}=${e[k]}\n`);
      const rest = Object.entries(e)
        .filter(([k]) => !EXPORT_HEAD.includes(k) && !k.startsWith('__'))
        .map(([k, v]) => `${k}=${v}\n`);
      return `${head.join('')}${rest.join('')}\n`;
    }
    case 'verbose': {
      const t = timeParts(Number(e.__REALTIME_TIMESTAMP), o.utc);
      const when = `${DAYS[t.wd]} ${t.y}-${p2(t.mo + 1)}-${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${micros(Number(e.__REALTIME_TIMESTAMP))} ${o.utc || t.offMin === 0 ? 'UTC' : zone(t.offMin)}`;
      const fields = Object.entries(e)
        .filter(([k]) => !k.startsWith('__'))
        .map(([k, v]) => `    ${k}=${v}\n`);
      return `${when} [${e.__CURSOR}]\n${fields.join('')}`;
    }
    default:
      return shortLine(e, mode, o);
  }
}
