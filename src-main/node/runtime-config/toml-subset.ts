/**
 * The few values the doctor needs from containerd's config.toml and CRI-O's crio.conf, read with
 * a small TOML subset: table headers (`[a.b]`, `[plugins."io.containerd.grpc.v1.cri"]`,
 * `[plugins.'io.containerd.cri.v1.runtime']`), and `key = value` lines whose value is a string,
 * boolean or integer. Arrays, inline tables and multi-line strings are skipped (their keys are
 * simply absent), never mis-read. Bounded by MAX_TOML_BYTES.
 */
export const MAX_TOML_BYTES = 256 * 1024;

export type TomlScalar = string | boolean | number;

/** Dotted-path → value, with the table path joined by `\u0000` so quoted dots stay distinct. */
export type TomlValues = Map<string, TomlScalar>;

function splitKey(text: string): string[] | null {
  const parts: string[] = [];
  let i = 0;
  const s = text.trim();
  while (i < s.length) {
    while (s[i] === ' ' || s[i] === '\t') i++;
    const q = s[i];
    if (q === '"' || q === "'") {
      const end = s.indexOf(q, i + 1);
      if (end < 0) return null;
      parts.push(s.slice(i + 1, end));
      i = end + 1;
    } else {
      const m = /^[A-Za-z0-9_-]+/.exec(s.slice(i));
      if (!m) return null;
      parts.push(m[0]);
      i += m[0].length;
    }
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (i < s.length) {
      if (s[i] !== '.') return null;
      i++;
    }
  }
  return parts;
}

function scalar(raw: string): TomlScalar | undefined {
  const v = raw.trim();
  let m = /^"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(v);
  if (m) return (m[1] ?? '').replace(/\\(["\\])/g, '$1');
  m = /^'([^']*)'\s*(#.*)?$/.exec(v);
  if (m) return m[1] ?? '';
  m = /^(true|false)\s*(#.*)?$/.exec(v);
  if (m) return m[1] === 'true';
  m = /^([+-]?\d+)\s*(#.*)?$/.exec(v);
  if (m) return Number(m[1]);
  return undefined;
}

export function readTomlSubset(text: string): TomlValues {
  const values: TomlValues = new Map();
  if (text.length > MAX_TOML_BYTES) return values;
  let table: string[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const header = /^\[\s*([^[\]]+?)\s*\]\s*(#.*)?$/.exec(t);
    if (header) {
      table = splitKey(header[1] ?? '') ?? ['\u0000unreadable'];
      continue;
    }
    if (t.startsWith('[[')) {
      table = ['\u0000array-table'];
      continue;
    }
    const eq = t.indexOf('=');
    if (eq <= 0) continue;
    const key = splitKey(t.slice(0, eq));
    const value = scalar(t.slice(eq + 1));
    if (!key || value === undefined) continue;
    values.set([...table, ...key].join('\u0000'), value);
  }
  return values;
}

export function tomlGet(values: TomlValues, path: string[]): TomlScalar | undefined {
  return values.get(path.join('\u0000'));
}
