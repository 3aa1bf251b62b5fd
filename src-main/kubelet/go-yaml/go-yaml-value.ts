/**
 * The values go-yaml v2 produces when it decodes into interface{} (the first half of
 * sigs.k8s.io/yaml's YAMLToJSON): nil, bool, int (int64 or uint64), float64, string,
 * []interface{} and map[interface{}]interface{}. Integers keep their decimal text so that
 * values past 2^53 survive exactly, as they do in Go.
 */
export type GoYamlValue =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; text: string; unsigned: boolean }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'seq'; items: GoYamlValue[] }
  | { kind: 'map'; entries: GoYamlMapEntry[] };

/** A map entry; a later entry with an equal key replaces an earlier one (Go map assignment). */
export interface GoYamlMapEntry {
  key: GoYamlValue;
  value: GoYamlValue;
}

export const NULL: GoYamlValue = { kind: 'null' };

/** Go map key equality for the scalar keys YAML produces (collections are refused as keys). */
export function sameKey(a: GoYamlValue, b: GoYamlValue): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'null':
      return true;
    case 'bool':
      return a.value === (b as typeof a).value;
    case 'int':
      return a.text === (b as typeof a).text;
    case 'float':
      return Object.is(a.value, (b as typeof a).value);
    case 'string':
      return a.value === (b as typeof a).value;
    default:
      return false;
  }
}

/** Sets key → value in a Go map: replaces an equal key in place, else appends. */
export function setMapEntry(entries: GoYamlMapEntry[], key: GoYamlValue, value: GoYamlValue): void {
  const at = entries.findIndex((e) => sameKey(e.key, key));
  if (at >= 0) entries[at] = { key, value };
  else entries.push({ key, value });
}

/** Go's %#v / %+#v of a decoded YAML value, as go-yaml and sigs.k8s.io/yaml quote them in errors. */
export function goSyntax(value: GoYamlValue): string {
  switch (value.kind) {
    case 'null':
      return '<nil>';
    case 'bool':
      return String(value.value);
    case 'int':
      return value.unsigned ? `0x${BigInt(value.text).toString(16)}` : value.text;
    case 'float':
      return formatGoFloat(value.value, 'g64');
    case 'string':
      return JSON.stringify(value.value);
    case 'seq':
      return `[]interface {}{${value.items.map(goSyntaxInInterface).join(', ')}}`;
    case 'map':
      return `map[interface {}]interface {}{${value.entries
        .map((e) => `${goSyntaxInInterface(e.key)}:${goSyntaxInInterface(e.value)}`)
        .join(', ')}}`;
  }
}

/** Inside an interface{} container Go prints nil as `interface {}(nil)` and numbers with their type. */
function goSyntaxInInterface(value: GoYamlValue): string {
  if (value.kind === 'null') return 'interface {}(nil)';
  if (value.kind === 'int') return value.unsigned ? `0x${BigInt(value.text).toString(16)}` : value.text;
  if (value.kind === 'float') return formatGoFloat(value.value, 'g64');
  return goSyntax(value);
}

/**
 * strconv.FormatFloat(f, 'g', -1, bits): the shortest representation that round-trips at that
 * precision, in %e form when the exponent is < -4 or >= 6.
 */
export function formatGoFloat(f: number, mode: 'g64' | 'g32'): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  let digits = '';
  let exponent = 0;
  const negative = f < 0;
  const abs = Math.abs(f);
  if (mode === 'g32') {
    const target = Math.fround(abs);
    for (let p = 1; p <= 9; p++) {
      const s = target.toExponential(p - 1);
      if (Math.fround(Number(s)) === target) {
        [digits, exponent] = splitExponential(s);
        break;
      }
    }
  } else {
    [digits, exponent] = splitExponential(abs.toExponential());
  }
  // strconv ftoa.go, 'g' with the shortest precision: %e when the exponent is below -4 or at
  // least 6 ("if shortest { eprec = 6 }"), with at least two exponent digits.
  const eprec = 6;
  let body: string;
  if (exponent < -4 || exponent >= eprec) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expAbs = Math.abs(exponent);
    body = `${mantissa}e${exponent < 0 ? '-' : '+'}${expAbs < 10 ? '0' : ''}${expAbs}`;
  } else if (exponent >= 0) {
    body =
      digits.length > exponent + 1
        ? `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`
        : digits + '0'.repeat(exponent + 1 - digits.length);
  } else {
    body = `0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  return negative ? `-${body}` : body;
}

function splitExponential(s: string): [string, number] {
  const [mantissa, exp] = s.split('e');
  return [mantissa.replace('.', ''), Number(exp)];
}
