/**
 * go-yaml v2's scalar resolution (resolve.go `resolve`), the YAML 1.1 rules the kubelet reads
 * manifests with: y/yes/on/true are booleans, ~ and null are null, 0644 is octal, 0o644 and 0x1F
 * and 0b101 are integers (strconv.ParseInt base 0), underscores are ignored in numbers, .inf/.nan
 * are floats, and base-60 numbers (1:20) are NOT resolved ("purposefully unsupported"). A
 * timestamp-looking scalar stays a string when decoded into interface{} (decode.go scalar).
 */
import { NULL, type GoYamlValue } from './go-yaml-value';

export const TAG_PREFIX = 'tag:yaml.org,2002:';
const STR = `${TAG_PREFIX}str`;
const BOOL = `${TAG_PREFIX}bool`;
const INT = `${TAG_PREFIX}int`;
const FLOAT = `${TAG_PREFIX}float`;
const NULL_TAG = `${TAG_PREFIX}null`;
const TIMESTAMP = `${TAG_PREFIX}timestamp`;
const BINARY = `${TAG_PREFIX}binary`;
export const MERGE_TAG = `${TAG_PREFIX}merge`;

const TABLE = new Map<string, GoYamlValue>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])
  TABLE.set(s, { kind: 'bool', value: true });
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])
  TABLE.set(s, { kind: 'bool', value: false });
for (const s of ['', '~', 'null', 'Null', 'NULL']) TABLE.set(s, NULL);
for (const s of ['.nan', '.NaN', '.NAN']) TABLE.set(s, { kind: 'float', value: NaN });
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'])
  TABLE.set(s, { kind: 'float', value: Infinity });
for (const s of ['-.inf', '-.Inf', '-.INF']) TABLE.set(s, { kind: 'float', value: -Infinity });

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

export class YamlDecodeError extends Error {}

/** strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) without underscores (already removed). */
function parseGoInt(s: string, signed: boolean): bigint | null {
  let rest = s;
  let negative = false;
  if (signed && (rest.startsWith('+') || rest.startsWith('-'))) {
    negative = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '') return null;
  let base = 10;
  if (/^0[xX]/.test(rest)) {
    base = 16;
    rest = rest.slice(2);
  } else if (/^0[oO]/.test(rest)) {
    base = 8;
    rest = rest.slice(2);
  } else if (/^0[bB]/.test(rest)) {
    base = 2;
    rest = rest.slice(2);
  } else if (rest.length > 1 && rest[0] === '0') {
    base = 8;
    rest = rest.slice(1);
  }
  const digits = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base];
  if (!digits || !digits.test(rest)) return null;
  const prefix = { 2: '0b', 8: '0o', 10: '', 16: '0x' }[base] ?? '';
  let value = BigInt(prefix + rest);
  if (negative) value = -value;
  if (signed ? value < INT64_MIN || value > INT64_MAX : value > UINT64_MAX) return null;
  return value;
}

/** The Go value of a scalar: `tag` is the explicit tag (full form) or '' for none. */
export function resolveScalar(tag: string, text: string, plain: boolean): GoYamlValue {
  if (tag === '' && !plain) return { kind: 'string', value: text };
  const resolvable = tag === '' || [STR, BOOL, INT, FLOAT, NULL_TAG, TIMESTAMP].includes(tag);
  if (tag === BINARY) return { kind: 'string', value: decodeBinary(text) };
  if (!resolvable) return { kind: 'string', value: text };
  const [rtag, value] = resolveImplicit(tag, text);
  if (tag === '' || tag === rtag || tag === STR) return value;
  if (tag === FLOAT && rtag === INT && value.kind === 'int')
    return { kind: 'float', value: Number(value.text) };
  throw new YamlDecodeError(`cannot decode ${shortTag(rtag)} \`${text}\` as a ${shortTag(tag)}`);
}

function shortTag(tag: string): string {
  return tag.startsWith(TAG_PREFIX) ? `!!${tag.slice(TAG_PREFIX.length)}` : tag;
}

function resolveImplicit(tag: string, text: string): [string, GoYamlValue] {
  if (tag === STR) return [STR, { kind: 'string', value: text }];
  const first = text[0] ?? '';
  const hint =
    text === ''
      ? 'N'
      : first === '+' || first === '-'
        ? 'S'
        : /[0-9]/.test(first)
          ? 'D'
          : 'yYnNtTfFoO~'.includes(first)
            ? 'M'
            : first === '.'
              ? '.'
              : '';
  if (hint === '') return [STR, { kind: 'string', value: text }];
  const known = TABLE.get(text);
  if (known !== undefined) {
    const rtag =
      known.kind === 'bool' ? BOOL : known.kind === 'null' ? NULL_TAG : known.kind === 'float' ? FLOAT : STR;
    return [rtag, known];
  }
  if (hint === '.') {
    const f = Number(text);
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) && Number.isFinite(f))
      return [FLOAT, { kind: 'float', value: f }];
  }
  if (hint === 'D' || hint === 'S') {
    // A timestamp-looking scalar decodes into interface{} as its string (decode.go scalar).
    if ((tag === '' || tag === TIMESTAMP) && looksLikeTimestamp(text))
      return [TIMESTAMP, { kind: 'string', value: text }];
    const plain = text.replace(/_/g, '');
    const signed = parseGoInt(plain, true);
    if (signed !== null) return [INT, { kind: 'int', text: signed.toString(), unsigned: false }];
    const unsigned = parseGoInt(plain, false);
    if (unsigned !== null) return [INT, { kind: 'int', text: unsigned.toString(), unsigned: true }];
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = Number(plain);
      if (Number.isFinite(f)) return [FLOAT, { kind: 'float', value: f }];
    }
  }
  return [STR, { kind: 'string', value: text }];
}

/** go-yaml v2 parseTimestamp: YYYY-M-D, optionally with a time part (the formats it tries). */
function looksLikeTimestamp(s: string): boolean {
  return /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/.test(
    s,
  );
}

function decodeBinary(text: string): string {
  // encoding/base64 skips CR and LF only.
  const compact = text.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0)
    throw new YamlDecodeError('!!binary value contains invalid base64 data');
  // The bytes become a Go string; json.Marshal later replaces invalid UTF-8 with U+FFFD.
  return Buffer.from(compact, 'base64').toString('utf8');
}

export { NULL };
