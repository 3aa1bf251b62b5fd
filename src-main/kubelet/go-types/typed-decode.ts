/**
 * The kubelet's typed decode of a manifest's JSON into v1.Pod: kubernetes-sigs/json
 * UnmarshalCaseSensitivePreserveInts, as apimachinery's non-strict JSON serializer calls it
 * (runtime/serializer/json/json.go). Go's encoding/json rules, case-sensitive:
 *
 * - a field name must match exactly (`Image:` is not `image:`); unknown fields are ignored;
 * - a value of the wrong JSON kind is an UnmarshalTypeError ("json: cannot unmarshal bool into Go
 *   struct field EnvVar.spec.containers.env.value of type string"); the first one is kept and the
 *   decode goes on, so only it is reported;
 * - an integer field takes only an integer literal in range ("number 4294967296", "number 1.5");
 * - null leaves a scalar or struct untouched and empties a pointer, slice or map;
 * - a repeated key decodes again into the same field (structs and slice elements merge);
 * - types with their own UnmarshalJSON: resource.Quantity (its parse error ends the decode at
 *   once, with no field context), intstr.IntOrString (an int32 when not a string), metav1.Time.
 */
import type { JsonNode } from '../go-json/json-node';
import { jsonKindWord } from '../go-json/json-node';
import { goTypeName, structFields, type GoTypeTable } from './go-type-table';
import { parseQuantity, type Quantity } from './quantity';

export class QuantityValue {
  constructor(readonly quantity: Quantity) {}
  toJSON(): string {
    return this.quantity.text;
  }
}

export type Decoded =
  null | boolean | number | string | QuantityValue | Decoded[] | { [key: string]: Decoded };
export type DecodedObject = { [key: string]: Decoded };

export type TypedDecodeResult = { ok: true; value: DecodedObject } | { ok: false; error: string };

class FatalDecodeError extends Error {}

interface Context {
  /** The Go struct whose field is being decoded ("EnvVar"); '' at the top. */
  struct: string;
  /** JSON field names from the root (slice indices and map keys are not part of Go's path). */
  path: string[];
}

const INT_RANGES: Record<string, [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  int: [-(2n ** 63n), 2n ** 63n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  uint: [0n, 2n ** 64n - 1n],
};

export function decodeTyped(
  node: JsonNode,
  rootType: string,
  table: GoTypeTable,
  minor: number,
): TypedDecodeResult {
  const decoder = new TypedDecoder(table, minor);
  try {
    const value = decoder.decode(node, rootType, { struct: '', path: [] }, undefined);
    if (decoder.saved) return { ok: false, error: decoder.saved };
    return { ok: true, value: (value ?? {}) as DecodedObject };
  } catch (e) {
    if (e instanceof FatalDecodeError) return { ok: false, error: e.message };
    throw e;
  }
}

class TypedDecoder {
  saved: string | null = null;
  constructor(
    private readonly table: GoTypeTable,
    private readonly minor: number,
  ) {}

  private typeErrorText(what: string, type: string, ctx: Context): string {
    if (ctx.struct === '' && ctx.path.length === 0)
      return `json: cannot unmarshal ${what} into Go value of type ${goTypeName(type)}`;
    return `json: cannot unmarshal ${what} into Go struct field ${ctx.struct}.${ctx.path.join('.')} of type ${goTypeName(type)}`;
  }

  /** UnmarshalTypeError: saved (the first one wins) and the value is skipped. */
  private typeError(what: string, type: string, ctx: Context): undefined {
    this.saved ??= this.typeErrorText(what, type, ctx);
    return undefined;
  }

  private underlying(type: string): string {
    let t = type;
    for (let i = 0; i < 8 && this.table.named[t] !== undefined; i++) t = this.table.named[t];
    return t;
  }

  decode(node: JsonNode, type: string, ctx: Context, existing: Decoded | undefined): Decoded | undefined {
    if (type.startsWith('*')) {
      if (node.kind === 'null') return undefined;
      return this.decode(node, type.slice(1), ctx, existing);
    }
    switch (type) {
      case 'resource.Quantity':
        return this.quantity(node);
      case 'intstr.IntOrString':
        return this.intOrString(node, ctx, existing);
      case 'meta.Time':
      case 'meta.MicroTime':
        return this.time(node, ctx, existing);
      case 'meta.FieldsV1':
        return existing ?? null;
      case 'types.UID':
        return this.scalar(node, 'string', type, ctx, existing);
    }
    const under = this.underlying(type);
    if (under.startsWith('[]')) return this.slice(node, under.slice(2), type, ctx, existing);
    const map = /^map\[([^\]]+)\](.+)$/.exec(under);
    if (map) return this.map(node, map[2], type, ctx, existing);
    if (this.table.structs[under]) return this.struct(node, under, type, ctx, existing);
    return this.scalar(node, under, type, ctx, existing);
  }

  private scalar(
    node: JsonNode,
    kind: string,
    type: string,
    ctx: Context,
    existing: Decoded | undefined,
  ): Decoded | undefined {
    if (node.kind === 'null') return existing;
    if (kind === 'string') {
      if (node.kind === 'string') return node.value;
      return this.typeError(jsonKindWord(node), type, ctx) ?? existing;
    }
    if (kind === 'bool') {
      if (node.kind === 'bool') return node.value;
      return this.typeError(jsonKindWord(node), type, ctx) ?? existing;
    }
    const range = INT_RANGES[kind];
    if (range) {
      if (node.kind !== 'number') return this.typeError(jsonKindWord(node), type, ctx) ?? existing;
      if (!/^-?[0-9]+$/.test(node.text)) return this.typeError(`number ${node.text}`, type, ctx) ?? existing;
      const v = BigInt(node.text);
      if (v < range[0] || v > range[1]) return this.typeError(`number ${node.text}`, type, ctx) ?? existing;
      return Number(v);
    }
    if (kind === 'float64' || kind === 'float32') {
      if (node.kind !== 'number') return this.typeError(jsonKindWord(node), type, ctx) ?? existing;
      const f = Number(node.text);
      if (!Number.isFinite(f) || (kind === 'float32' && Math.abs(f) > 3.4028234663852886e38))
        return this.typeError(`number ${node.text}`, type, ctx) ?? existing;
      return f;
    }
    // A type the table does not describe: keep the JSON as it is.
    return plainJson(node);
  }

  private slice(
    node: JsonNode,
    elem: string,
    type: string,
    ctx: Context,
    existing: Decoded | undefined,
  ): Decoded | undefined {
    if (node.kind === 'null') return undefined;
    if (node.kind !== 'array') return this.typeError(jsonKindWord(node), type, ctx) ?? existing;
    const previous = Array.isArray(existing) ? existing : [];
    return node.items.map(
      (item, i) => this.decode(item, elem, ctx, previous[i]) ?? zeroOf(this.underlying(elem), this.table),
    );
  }

  private map(
    node: JsonNode,
    elem: string,
    type: string,
    ctx: Context,
    existing: Decoded | undefined,
  ): Decoded | undefined {
    if (node.kind === 'null') return undefined;
    if (node.kind !== 'object') return this.typeError(jsonKindWord(node), type, ctx) ?? existing;
    const out: DecodedObject = isObject(existing) ? { ...existing } : {};
    for (const [key, value] of node.members) {
      // A map element is decoded fresh each time (Go decodes into a new element, then stores it).
      const decoded = this.decode(value, elem, ctx, undefined);
      out[key] = decoded ?? zeroOf(this.underlying(elem), this.table);
    }
    return out;
  }

  private struct(
    node: JsonNode,
    id: string,
    type: string,
    ctx: Context,
    existing: Decoded | undefined,
  ): Decoded | undefined {
    if (node.kind === 'null') return existing;
    if (node.kind !== 'object') return this.typeError(jsonKindWord(node), type, ctx) ?? existing;
    const fields = structFields(this.table, id, this.minor);
    const out: DecodedObject = isObject(existing) ? { ...existing } : {};
    const structName = id.slice(id.indexOf('.') + 1);
    for (const [key, value] of node.members) {
      const fieldType = fields.get(key);
      if (fieldType === undefined) continue;
      const decoded = this.decode(
        value,
        fieldType,
        { struct: structName, path: [...ctx.path, key] },
        out[key],
      );
      if (decoded === undefined) delete out[key];
      else out[key] = decoded;
    }
    return out;
  }

  /** Quantity.UnmarshalJSON: the raw value's text is parsed; a failure ends the decode. */
  private quantity(node: JsonNode): Decoded {
    if (node.kind === 'null') return new QuantityValue({ mantissa: 0n, exponent: 0, text: '0' });
    const raw =
      node.kind === 'string'
        ? node.value
        : node.kind === 'number'
          ? node.text
          : node.kind === 'bool'
            ? String(node.value)
            : '{';
    const parsed = parseQuantity(raw.trim());
    if (!parsed.ok) throw new FatalDecodeError(parsed.error);
    return new QuantityValue(parsed.quantity);
  }

  /** IntOrString.UnmarshalJSON: a string, else json.Unmarshal into its int32 (errors end the decode). */
  private intOrString(node: JsonNode, ctx: Context, existing: Decoded | undefined): Decoded | undefined {
    if (node.kind === 'string') return node.value;
    if (node.kind === 'null') return existing ?? 0;
    const what = node.kind === 'number' ? `number ${node.text}` : jsonKindWord(node);
    if (node.kind === 'number' && /^-?[0-9]+$/.test(node.text)) {
      const v = BigInt(node.text);
      if (v >= INT_RANGES.int32[0] && v <= INT_RANGES.int32[1]) return Number(v);
    }
    throw new FatalDecodeError(this.typeErrorText(what, 'int32', ctx));
  }

  /** metav1.Time.UnmarshalJSON: null, or an RFC 3339 string. */
  private time(node: JsonNode, ctx: Context, existing: Decoded | undefined): Decoded | undefined {
    if (node.kind === 'null') return existing ?? null;
    if (node.kind !== 'string')
      throw new FatalDecodeError(this.typeErrorText(jsonKindWord(node), 'string', ctx));
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(node.value))
      throw new FatalDecodeError(
        `parsing time ${JSON.stringify(node.value)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(node.value)} as "2006"`,
      );
    return node.value;
  }
}

function isObject(v: Decoded | undefined): v is DecodedObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof QuantityValue);
}

/** Go's zero value of a slice element or map value that decoded to nothing. */
function zeroOf(type: string, table: GoTypeTable): Decoded {
  if (type.startsWith('*') || type.startsWith('[]') || type.startsWith('map[')) return null;
  if (table.structs[type]) return {};
  if (type === 'string') return '';
  if (type === 'bool') return false;
  if (type === 'resource.Quantity') return new QuantityValue({ mantissa: 0n, exponent: 0, text: '0' });
  return 0;
}

function plainJson(node: JsonNode): Decoded {
  switch (node.kind) {
    case 'null':
      return null;
    case 'bool':
      return node.value;
    case 'number':
      return Number(node.text);
    case 'string':
      return node.value;
    case 'array':
      return node.items.map(plainJson);
    case 'object':
      return Object.fromEntries(node.members.map(([k, v]) => [k, plainJson(v)]));
  }
}
