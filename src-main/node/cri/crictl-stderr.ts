/**
 * crictl's stderr: logrus output (docs/kubelet.md §3.5). The app parses stdout only and shows
 * stderr as diagnostics, so each line becomes a structured entry and the known harmless
 * warnings (no /etc/crictl.yaml, deprecated default endpoints) are flagged as noise.
 *
 * Two logrus layouts:
 * - non-TTY (plain SSH exec): `time="…" level=warning msg="…" key=value`
 * - TTY (ssh -t): `WARN[0000] message<padded to 44> key=value`, maybe with ANSI colours.
 */
import type { CrictlDiagnostic, CrictlLogLevel } from '../../contract/domain/cri';

export function splitCrictlStderr(stderr: string): CrictlDiagnostic[] {
  const out: CrictlDiagnostic[] = [];
  for (const rawLine of stderr.split('\n')) {
    const raw = rawLine.replace(/\r$/, '');
    // eslint-disable-next-line no-control-regex
    const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
    if (line.trim() === '') continue;
    out.push(parseLogfmtLine(line, raw) ?? parseTtyLine(line, raw) ?? unknownLine(line, raw));
  }
  return out;
}

const TTY_LEVELS: Record<string, CrictlLogLevel> = {
  TRAC: 'trace',
  DEBU: 'debug',
  INFO: 'info',
  WARN: 'warning',
  ERRO: 'error',
  FATA: 'fatal',
  PANI: 'panic',
};

function parseTtyLine(line: string, raw: string): CrictlDiagnostic | null {
  const m = /^([A-Z]{4})\[\d+\] ?(.*)$/.exec(line);
  const level = m ? TTY_LEVELS[m[1]!] : undefined;
  if (!m || level === undefined) return null;
  const rest = m[2]!;
  // logrus writes "%-44s " then " key=value" per field: fields follow two spaces.
  const fieldsAt = rest.search(/ {2}[A-Za-z_][\w.-]*=/);
  const message = (fieldsAt < 0 ? rest : rest.slice(0, fieldsAt)).trim();
  const fields = fieldsAt < 0 ? [] : readFields(rest.slice(fieldsAt));
  return { level, message, fields, time: null, noise: isNoise(message), raw };
}

function parseLogfmtLine(line: string, raw: string): CrictlDiagnostic | null {
  if (!line.startsWith('time=') && !line.startsWith('level=')) return null;
  const all = readFields(line);
  const get = (k: string): string | undefined => all.find((f) => f.key === k)?.value;
  const levelText = get('level');
  if (levelText === undefined) return null;
  const message = get('msg') ?? '';
  return {
    level: logfmtLevel(levelText),
    message,
    fields: all.filter((f) => f.key !== 'time' && f.key !== 'level' && f.key !== 'msg'),
    time: get('time') ?? null,
    noise: isNoise(message),
    raw,
  };
}

function unknownLine(line: string, raw: string): CrictlDiagnostic {
  return { level: 'unknown', message: line.trim(), fields: [], time: null, noise: false, raw };
}

function logfmtLevel(text: string): CrictlLogLevel {
  switch (text) {
    case 'trace':
    case 'debug':
    case 'info':
    case 'warning':
    case 'error':
    case 'fatal':
    case 'panic':
      return text;
    case 'warn':
      return 'warning';
    default:
      return 'unknown';
  }
}

/** logfmt `key=value key="quoted \"value\""` pairs, in order. */
function readFields(text: string): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  const re = /([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|\S*)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const v = m[2]!;
    out.push({ key: m[1]!, value: v.startsWith('"') ? unquote(v) : v });
  }
  return out;
}

function unquote(quoted: string): string {
  try {
    return JSON.parse(quoted) as string; // Go %q output is JSON-compatible for common escapes
  } catch {
    return quoted.slice(1, -1).replace(/\\(.)/g, '$1');
  }
}

/** The warnings every crictl run prints on a node without /etc/crictl.yaml (§3.5). */
function isNoise(message: string): boolean {
  return (
    /^Config "[^"]*" does not exist, trying next/.test(message) ||
    /^(runtime|Image) connect using default endpoints/.test(message) ||
    /^(Using default config|Config file)/.test(message)
  );
}
