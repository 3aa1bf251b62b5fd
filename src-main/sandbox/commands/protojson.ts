/**
 * The two JSON serializers crictl has used for CRI messages (docs/kubelet.md §3.3):
 *
 * - `jsonpb` (crictl ≤ 1.30): golang/protobuf jsonpb with EmitDefaults and a 2-space indent;
 *   empty maps and lists print as `{` / `[`, newline, indent, `}` / `]`; unset sub-messages
 *   print `null`; strings go through encoding/json, so `<>&` are \u-escaped.
 * - `protojson` (crictl ≥ 1.31, cri-tools fa6f5ce0): EmitDefaultValues, indent 2, empty
 *   containers `{}` / `[]`, unset sub-messages omitted. protobuf-go picks `"key": value` or
 *   `"key":  value` per binary; we pick one space unless asked for the double-space variant.
 *
 * Messages are `Map`s so the proto field order is exactly the insertion order (a plain object
 * would move integer-like keys first). int64 fields must be passed as decimal strings.
 */
export const UNSET: unique symbol = Symbol('unset sub-message');

export type ProtoValue = string | number | boolean | null | typeof UNSET | ProtoValue[] | ProtoMessage;
export type ProtoMessage = Map<string, ProtoValue>;

export type ProtoJsonStyle = { kind: 'jsonpb' } | { kind: 'protojson'; doubleSpace?: boolean };

/** A message from [key, value] pairs in proto field order. */
export function msg(entries: Array<[string, ProtoValue]>): ProtoMessage {
  return new Map(entries);
}

/** A proto map field (labels, annotations): keys sorted, as both serializers print them. */
export function protoMap(record: Record<string, string> | undefined): ProtoMessage {
  return new Map(
    Object.keys(record ?? {})
      .sort()
      .map((k) => [k, (record ?? {})[k]]),
  );
}

/** Go encoding/json string quoting (HTML-safe escaping optional). */
export function goQuote(s: string, escapeHtml: boolean): string {
  let q = JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  if (escapeHtml) q = q.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return q;
}

export function protoJsonStringify(value: ProtoValue, style: ProtoJsonStyle): string {
  const colon = style.kind === 'protojson' && style.doubleSpace ? ':  ' : ': ';
  const html = style.kind === 'jsonpb';
  const write = (v: ProtoValue, indent: string): string => {
    if (v === UNSET || v === null) return 'null';
    if (typeof v === 'string') return goQuote(v, html);
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    const inner = indent + '  ';
    const parts: string[] = [];
    if (Array.isArray(v)) {
      for (const item of v)
        if (item !== UNSET || style.kind === 'jsonpb') parts.push(inner + write(item, inner));
    } else {
      for (const [k, item] of v) {
        if (item === UNSET && style.kind === 'protojson') continue;
        parts.push(inner + goQuote(k, html) + colon + write(item, inner));
      }
    }
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    if (parts.length === 0) return style.kind === 'jsonpb' ? `${open}\n${indent}${close}` : `${open}${close}`;
    return `${open}\n${parts.join(',\n')}\n${indent}${close}`;
  };
  return write(value, '');
}

export type PlainJson = string | number | boolean | null | PlainJson[] | { [key: string]: PlainJson };

/** The value as plain JSON data (unset messages dropped), e.g. for YAML or a Go-map remarshal. */
export function protoToPlain(value: ProtoValue): PlainJson {
  if (value === UNSET) return null;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(protoToPlain);
  const out: { [key: string]: PlainJson } = {};
  for (const [k, v] of value) if (v !== UNSET) out[k] = protoToPlain(v);
  return out;
}

/**
 * Go's `json.Marshal` of map-based data followed by `json.Indent(…, "", indent)`: keys sorted
 * at every level, `<>&` escaped, empty containers stay `{}` / `[]`. crictl ≥ 1.31 inspect output
 * (§3.4) and, with a 4-space indent, kubectl's JSON printer (§4.1) have this shape.
 */
export function goJsonIndent(value: PlainJson, indentUnit: string, sortKeys = true): string {
  const write = (v: PlainJson, indent: string): string => {
    if (v === null) return 'null';
    if (typeof v === 'string') return goQuote(v, true);
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    const inner = indent + indentUnit;
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[\n${v.map((x) => inner + write(x, inner)).join(',\n')}\n${indent}]`;
    }
    const keys = sortKeys ? Object.keys(v).sort() : Object.keys(v);
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((k) => `${inner}${goQuote(k, true)}: ${write(v[k], inner)}`).join(',\n')}\n${indent}}`;
  };
  return write(value, '');
}
