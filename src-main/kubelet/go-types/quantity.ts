/**
 * resource.Quantity as k8s.io/apimachinery parses and prints it (pkg/api/resource/quantity.go:
 * parseQuantityString, ParseQuantity, CanonicalizeBytes): the kubelet rejects a manifest whose
 * quantity does not parse ("quantities must match the regular expression …"), rounds values
 * below a nano up, and validation quotes the canonical form ("500m" for 0.5).
 */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

export interface Quantity {
  /** value = mantissa × 10^exponent, exactly (after rounding up to nano). */
  mantissa: bigint;
  exponent: number;
  /** What String() prints. */
  text: string;
}

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

export type QuantityResult = { ok: true; quantity: Quantity } | { ok: false; error: string };

interface Parts {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** quantity.go parseQuantityString. */
function parseParts(str: string): Parts | null {
  let pos = 0;
  const end = str.length;
  let positive = true;
  if (str[0] === '-' || str[0] === '+') {
    positive = str[0] !== '-';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && str[i] >= '0' && str[i] <= '9') i++;
  let num = str.slice(pos, i);
  pos = i;
  if (num === '') num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && str[i] >= '0' && str[i] <= '9') i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  const suffixStart = pos;
  i = pos;
  while (i < end && 'eEinumkKMGTP'.includes(str[i])) i++;
  if (i >= end) return { positive, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  for (i = pos; i < end; i++) if (str[i] < '0' || str[i] > '9') return null;
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

/** quantity.go suffixer.interpret. */
function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: Format } | null {
  if (suffix in DECIMAL) return { base: 10, exponent: DECIMAL[suffix], format: 'DecimalSI' };
  if (suffix in BINARY) return { base: 2, exponent: BINARY[suffix], format: 'BinarySI' };
  const m = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
  if (m) {
    const exponent = Number(m[1]);
    if (Number.isSafeInteger(exponent)) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return null;
}

const pow10 = (n: number) => 10n ** BigInt(n);

export function parseQuantity(input: string): QuantityResult {
  if (input.length === 0) return { ok: false, error: QUANTITY_FORMAT_ERROR };
  if (input === '0') return { ok: true, quantity: { mantissa: 0n, exponent: 0, text: '0' } };
  const parts = parseParts(input);
  if (!parts) return { ok: false, error: QUANTITY_FORMAT_ERROR };
  const suffix = interpretSuffix(parts.suffix);
  if (!suffix) return { ok: false, error: QUANTITY_SUFFIX_ERROR };
  const digits = parts.num + parts.denom;
  if (digits.length > 100000) return { ok: false, error: QUANTITY_NUMERIC_ERROR };
  let mantissa = BigInt(digits);
  let exponent = -parts.denom.length;
  if (suffix.base === 10) exponent += suffix.exponent;
  else mantissa *= 2n ** BigInt(suffix.exponent);
  if (!parts.positive) mantissa = -mantissa;
  // Round up (away from zero) to nano: "if you want some resources, you should get some".
  if (exponent < -9 && mantissa !== 0n) {
    const shift = pow10(-9 - exponent);
    const q = mantissa / shift;
    mantissa = q * shift === mantissa ? q : q + (mantissa > 0n ? 1n : -1n);
    exponent = -9;
  }
  let format = suffix.format;
  if (format === 'BinarySI') {
    const abs = mantissa < 0n ? -mantissa : mantissa;
    if (exponent < 0 ? abs * 1n < pow10(-exponent) : false) format = 'DecimalSI';
  }
  const quantity = { mantissa, exponent, text: '' };
  quantity.text = reusesInput(input, parts, suffix) ? input : canonical(quantity, format);
  return { ok: true, quantity };
}

/** ParseQuantity keeps the input string when it is already canonical. */
function reusesInput(
  input: string,
  parts: Parts,
  suffix: { base: number; exponent: number; format: Format },
): boolean {
  const shifted = parts.num + parts.denom;
  if (suffix.format === 'BinarySI') {
    if (parts.denom !== '') return false;
    const value = BigInt(shifted);
    return suffix.exponent % 10 === 0 && (value & 7n) !== 0n;
  }
  const scale = suffix.exponent - parts.denom.length;
  return scale >= -9 && scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

/** quantity.go CanonicalizeBytes + AsCanonicalBytes / AsCanonicalBase1024Bytes. */
function canonical(q: Quantity, requested: Format): string {
  if (q.mantissa === 0n) return '0';
  let format = requested;
  if (format === 'BinarySI') {
    const exactInteger = q.exponent >= 0 || q.mantissa % pow10(-q.exponent) === 0n;
    const value = q.exponent >= 0 ? q.mantissa * pow10(q.exponent) : q.mantissa / pow10(-q.exponent);
    if ((value > -1024n && value < 1024n) || !exactInteger) format = 'DecimalSI';
    else {
      let m = value;
      let e = 0;
      while (e < 60 && m % 1024n === 0n) {
        m /= 1024n;
        e += 10;
      }
      return `${m}${e === 0 ? '' : Object.keys(BINARY).find((k) => BINARY[k] === e)}`;
    }
  }
  let m = q.mantissa;
  let e = q.exponent;
  while (m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  const mod = ((e % 3) + 3) % 3;
  m *= pow10(mod);
  e -= mod;
  if (format === 'DecimalExponent') return e === 0 ? `${m}` : `${m}e${e}`;
  const suffix = Object.keys(DECIMAL).find((k) => DECIMAL[k] === e);
  return suffix !== undefined ? `${m}${suffix}` : `${m}e${e}`;
}

/** Quantity.Cmp: -1, 0, 1. */
export function compareQuantity(a: Quantity, b: Quantity): number {
  const e = Math.min(a.exponent, b.exponent);
  const x = a.mantissa * pow10(a.exponent - e);
  const y = b.mantissa * pow10(b.exponent - e);
  return x < y ? -1 : x > y ? 1 : 0;
}
