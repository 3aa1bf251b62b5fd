/**
 * Go's json.Marshal of the JSON-able object sigs.k8s.io/yaml builds from a YAML document
 * (yaml.go yamlToJSONTarget → json.Marshal): object keys sorted by bytes, strings escaped with
 * Go's HTML-safe rules (<, >, & as \u003c …), floats in Go's format, NaN and ±Inf refused with
 * "json: unsupported value: +Inf". The text matters: the kubelet quotes it in
 * "Object 'Kind' is missing in '…'" and decodes it with Go's JSON decoder.
 */
import { formatGoFloat, type GoYamlValue } from '../go-yaml/go-yaml-value';

export class UnsupportedValueError extends Error {}

/** Object keys as the JSON-able map holds them: already converted to strings, last one winning. */
export type JsonAbleValue =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; text: string }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'array'; items: JsonAbleValue[] }
  | { kind: 'object'; entries: Map<string, JsonAbleValue> };

export function marshalGoJson(value: JsonAbleValue): string {
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

function write(value: JsonAbleValue, out: string[]): void {
  switch (value.kind) {
    case 'null':
      out.push('null');
      return;
    case 'bool':
      out.push(value.value ? 'true' : 'false');
      return;
    case 'int':
      out.push(value.text);
      return;
    case 'float':
      out.push(goJsonFloat(value.value));
      return;
    case 'string':
      out.push(goJsonString(value.value));
      return;
    case 'array':
      out.push('[');
      value.items.forEach((item, i) => {
        if (i > 0) out.push(',');
        write(item, out);
      });
      out.push(']');
      return;
    case 'object': {
      const keys = [...value.entries.keys()].sort(byteOrder);
      out.push('{');
      keys.forEach((key, i) => {
        if (i > 0) out.push(',');
        out.push(goJsonString(key), ':');
        write(value.entries.get(key) as JsonAbleValue, out);
      });
      out.push('}');
      return;
    }
  }
}

/** Go sorts map keys with strings.Compare: by UTF-8 bytes, not UTF-16 units. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** encoding/json floatEncoder: 'f' format unless < 1e-6 or >= 1e21, "e-07" cleaned to "e-7". */
export function goJsonFloat(f: number): string {
  if (!Number.isFinite(f))
    throw new UnsupportedValueError(`json: unsupported value: ${formatGoFloat(f, 'g64')}`);
  if (Object.is(f, -0)) return '-0';
  // JavaScript's Number#toString switches to exponent form at the same bounds and prints the
  // shortest round-trip digits, as strconv.AppendFloat(-1) does.
  return String(f);
}

/** encoding/json encodeState.string with escapeHTML (json.Marshal's default). */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26)
      out += `\\u00${c.toString(16).padStart(2, '0')}`;
    else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else if (
      c >= 0xd800 &&
      c <= 0xdbff &&
      i + 1 < s.length &&
      s.charCodeAt(i + 1) >= 0xdc00 &&
      s.charCodeAt(i + 1) <= 0xdfff
    ) {
      out += s.slice(i, i + 2);
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += s[i];
  }
  return `${out}"`;
}

/** A decoded YAML value without its key types: what sigs.k8s.io/yaml hands to json.Marshal. */
export type { GoYamlValue };
