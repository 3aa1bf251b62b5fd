/**
 * crictl reports errors through logrus (docs/kubelet.md §3.5): on a terminal
 * `FATA[0000] message` (level text, seconds since start, message padded to 44), otherwise
 * `time="2024-05-30T01:23:32Z" level=fatal msg="…"` with the value quoted only when needed.
 */
export type LogrusLevel = 'fatal' | 'error' | 'warning' | 'info';

const TTY_LEVEL: Record<LogrusLevel, [string, number]> = {
  fatal: ['FATA', 31],
  error: ['ERRO', 31],
  warning: ['WARN', 33],
  info: ['INFO', 36],
};

/** logrus TextFormatter.needsQuoting: anything beyond [A-Za-z0-9-._/@^+] is quoted with %q. */
function logrusValue(s: string): string {
  return /^[A-Za-z0-9\-._/@^+]*$/.test(s) ? s : JSON.stringify(s);
}

/** RFC 3339 without fractional seconds, in local time (Go's time.RFC3339 on time.Now()). */
export function rfc3339Local(ms: number): string {
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
  const zone =
    off === 0
      ? 'Z'
      : `${off > 0 ? '+' : '-'}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${zone}`;
}

export function logrusLine(level: LogrusLevel, message: string, nowMs: number, tty: boolean): string {
  if (tty) {
    const [text, color] = TTY_LEVEL[level];
    return `\x1b[${color}m${text}\x1b[0m[0000] ${message.padEnd(44)} \n`;
  }
  return `time="${rfc3339Local(nowMs)}" level=${level} msg=${logrusValue(message)}\n`;
}
