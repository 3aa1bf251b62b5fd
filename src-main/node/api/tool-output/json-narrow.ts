/**
 * Narrowing helpers for JSON read from tools (kubectl, crictl, journalctl). Everything
 * arrives as `unknown`; these helpers turn it into typed values without throwing, so an
 * unexpected field shape degrades to a default instead of breaking the whole parse
 * (architecture: "tolerant: unknown fields never break them").
 *
 * Shared by node/cri, node/api and node/journal.
 */

export type JsonObject = { readonly [key: string]: unknown };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object, or an empty one: `null` and omitted sub-messages read the same (§3.3). */
export function obj(v: unknown): JsonObject {
  return isObject(v) ? v : EMPTY;
}
const EMPTY: JsonObject = Object.freeze({});

export function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

/** A non-empty string, else null. */
export function strOrNull(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/**
 * A number from a JSON number or a decimal string: protojson prints int64 as strings,
 * jsonpb (crictl ≤1.30) printed some as numbers (docs/kubelet.md §3.3).
 */
export function numOrNull(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function num(v: unknown, fallback = 0): number {
  return numOrNull(v) ?? fallback;
}

export function boolOrNull(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return null;
}

export function bool(v: unknown): boolean {
  return boolOrNull(v) ?? false;
}

/** A string→string map (labels, annotations); non-string values are skipped. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(v)) return out;
  for (const [k, val] of Object.entries(v)) {
    if (typeof val === 'string') out[k] = val;
  }
  return out;
}

/**
 * An int64 kept exact as a decimal string (nanosecond timestamps exceed 2^53).
 * Accepts `"1717032224000000000"` (protojson) and `1717032224000000000` (a number
 * that already lost precision; still better than nothing).
 */
export function int64String(v: unknown): string | null {
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return BigInt(Math.trunc(v)).toString();
  return null;
}

/** Nanoseconds (decimal string) → milliseconds since the epoch; null for 0/absent. */
export function nsToMs(ns: string | null): number | null {
  if (ns === null || ns === '0') return null;
  // Drop the last 6 digits instead of dividing a float: exact up to the millisecond.
  const ms = ns.length > 6 ? Number(ns.slice(0, -6)) : 0;
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}
