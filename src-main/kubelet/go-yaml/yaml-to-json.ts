/**
 * sigs.k8s.io/yaml's YAMLToJSON as the kubelet runs it (k8s.io/apimachinery util/yaml ToJSON →
 * yaml.YAMLToJSON): go-yaml v2 reads the FIRST document into interface{} with YAML 1.1 rules,
 * the map is made JSON-able (keys become strings; a null key is an error) and json.Marshal writes
 * it with sorted keys. Errors are returned as go-yaml / encoding/json word them ("yaml: line 8:
 * mapping values are not allowed in this context", "json: unsupported value: +Inf").
 *
 * Bounds, as in go-yaml v2: flow nesting deeper than 10000 is refused before parsing, and alias
 * expansion is stopped by go-yaml's ratio rule ("document contains excessive aliasing",
 * decode.go allowedAliasRatio), so a small file cannot expand into a large one.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
  type Alias,
  type Document,
  type Node,
} from 'yaml';
import { marshalGoJson, UnsupportedValueError, type JsonAbleValue } from '../go-json/json-marshal';
import { formatGoFloat, goSyntax, NULL, setMapEntry, type GoYamlValue } from './go-yaml-value';
import { MAX_FLOW_LEVEL, scanFlow } from './flow-scan';
import { MERGE_TAG, resolveScalar, YamlDecodeError } from './resolve';
import { goYamlSyntaxError } from './syntax-errors';
import { readYamlBytes } from './yaml-reader';

export type YamlToJsonResult =
  { ok: true; json: string } | { ok: false; error: string; stage: 'yaml'; approximate: boolean };

export interface YamlToJsonOptions {
  /** sigs.k8s.io/yaml before v1.4.0 (kubelet ≤ 1.30) capitalised "Unsupported map key". */
  capitalisedMapKeyError: boolean;
}

const fail = (error: string, approximate = false): YamlToJsonResult => ({
  ok: false,
  error,
  stage: 'yaml',
  approximate,
});

export function yamlToJson(bytes: Uint8Array, options: YamlToJsonOptions): YamlToJsonResult {
  const read = readYamlBytes(bytes);
  if (!read.ok) return fail(`yaml: ${read.problem}`);
  const directive = checkDirectives(read.text);
  if (directive) return fail(`yaml: ${directive}`);
  const scan = scanFlow(read.text);
  if (scan.tooDeepAtLine !== null)
    return fail(`yaml: line ${scan.tooDeepAtLine}: exceeded max depth of ${MAX_FLOW_LEVEL}`);

  const lineCounter = new LineCounter();
  let doc: Document | undefined;
  try {
    const docs = parseAllDocuments(scan.text, {
      schema: 'failsafe',
      uniqueKeys: false,
      lineCounter,
      merge: false,
    });
    doc = Array.isArray(docs) ? docs[0] : undefined;
  } catch (e) {
    if (e instanceof RangeError) return fail('yaml: the document is nested too deeply to be checked', true);
    throw e;
  }
  if (doc && doc.errors.length > 0) {
    // go-yaml stops at the first problem in the stream: take the earliest one `yaml` found.
    const error =
      doc.errors.filter((e) => !ignorable(e, doc as Document)).sort((a, b) => a.pos[0] - b.pos[0])[0] ?? null;
    if (error) {
      // go-yaml resolves an alias as it parses (decode.go parser.alias): an unknown anchor before
      // the syntax error is reported first.
      const unknown = unknownAliasBefore(doc, error.pos[0]);
      if (unknown !== null) return fail(`yaml: unknown anchor '${unknown}' referenced`);
      const pos = lineCounter.linePos(error.pos[0]);
      const mapped = goYamlSyntaxError(error, scan.text.split('\n'), pos);
      return fail(
        `yaml: ${mapped.line !== null ? `line ${mapped.line}: ` : ''}${mapped.problem}`,
        mapped.approximate,
      );
    }
  }
  let value: GoYamlValue;
  try {
    value = doc?.contents ? new Decoder(doc).decodeDocument(doc.contents) : NULL;
  } catch (e) {
    if (e instanceof YamlDecodeError) return fail(`yaml: ${e.message}`);
    if (e instanceof RangeError) return fail('yaml: the document is nested too deeply to be checked', true);
    throw e;
  }
  try {
    return { ok: true, json: marshalGoJson(toJsonAble(value, options)) };
  } catch (e) {
    if (e instanceof MapKeyError || e instanceof UnsupportedValueError) return fail(e.message);
    throw e;
  }
}

/** go-yaml v2 accepts only `%YAML 1.1` and `%TAG` directives (parserc.go). */
function checkDirectives(text: string): string | null {
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === '---' || line.startsWith('--- ')) break;
    if (!line.startsWith('%')) {
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
      break;
    }
    const m = /^%(\S+)\s*(\S*)/.exec(line);
    if (m?.[1] === 'YAML') {
      if (m[2] !== '1.1') return 'found incompatible YAML document';
    } else if (m?.[1] !== 'TAG') return 'found unknown directive name';
  }
  return null;
}

/**
 * go-yaml reads one node and stops: a stray closing bracket after a top-level flow collection is
 * never looked at (`{a: 1}}` is accepted).
 */
function ignorable(error: { code: string; pos: [number, number] }, doc: Document): boolean {
  const contents = doc.contents;
  const end = contents?.range?.[1];
  const flow = (isMap(contents) || isSeq(contents)) && contents.flow === true;
  return error.code === 'UNEXPECTED_TOKEN' && flow && end !== undefined && error.pos[0] >= end;
}

/**
 * The anchors of a document in source order. An alias refers to the closest anchor of its name
 * before it (go-yaml fills its anchor table as it parses); `yaml`'s own Alias.resolve walks the
 * whole document on every call, which an alias-heavy file turns into a quadratic cost.
 */
class Anchors {
  private readonly byName = new Map<string, Array<{ start: number; node: Node }>>();

  constructor(doc: Document) {
    visit(doc, (_key, node) => {
      const anchored = node as (Node & { anchor?: string }) | null;
      if (anchored && typeof anchored.anchor === 'string' && anchored.range) {
        const list = this.byName.get(anchored.anchor) ?? [];
        list.push({ start: anchored.range[0], node: anchored });
        this.byName.set(anchored.anchor, list);
      }
    });
  }

  resolve(alias: Alias): Node | undefined {
    const at = alias.range?.[0] ?? Infinity;
    let found: Node | undefined;
    for (const a of this.byName.get(alias.source) ?? []) if (a.start < at) found = a.node;
    return found;
  }
}

/** The first alias before `position` whose anchor is not defined before it, if any. */
function unknownAliasBefore(doc: Document, position: number): string | null {
  const anchors = new Anchors(doc);
  let found: string | null = null;
  visit(doc, {
    Alias(_key, node) {
      if (found !== null || (node.range?.[0] ?? Infinity) >= position) return;
      if (!anchors.resolve(node)) found = node.source;
    },
  });
  return found;
}

// go-yaml v2 decode.go allowedAliasRatio: up to 99% of decodes may come from aliases in small
// documents, scaling down to 10% in very large ones.
const ALIAS_RATIO_LOW = 400000;
const ALIAS_RATIO_HIGH = 4000000;
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_HIGH) return 0.1;
  return 0.99 - (0.89 * (decodeCount - ALIAS_RATIO_LOW)) / (ALIAS_RATIO_HIGH - ALIAS_RATIO_LOW);
}

/** Decodes the AST into go-yaml v2's interface{} values, counting as its decoder counts. */
class Decoder {
  private decodeCount = 1; // the document node
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly expanding = new Set<Node>();
  /**
   * An anchored node decodes to the same value every time; go-yaml decodes it again for each
   * alias, and counts every visit. The value and its visit count are kept, and a repeat alias adds
   * the count at once: during an alias expansion every visit is an alias visit, so the ratio only
   * grows within it and checking once after it finds the same crossings.
   */
  private readonly expanded = new Map<Node, { value: GoYamlValue; visits: number }>();

  private readonly anchors: Anchors;

  constructor(doc: Document) {
    this.anchors = new Anchors(doc);
  }

  decodeDocument(root: Node): GoYamlValue {
    return this.unmarshal(root);
  }

  private check(): void {
    if (
      this.aliasCount > 100 &&
      this.decodeCount > 1000 &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)
    )
      throw new YamlDecodeError('document contains excessive aliasing');
  }

  private count(): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    this.check();
  }

  private unmarshal(node: Node | null | undefined): GoYamlValue {
    this.count();
    if (node === null || node === undefined) return NULL;
    if (isAlias(node)) {
      if (this.expanding.has(node))
        throw new YamlDecodeError(`anchor '${node.source}' value contains itself`);
      const target = this.anchors.resolve(node);
      if (!target) throw new YamlDecodeError(`unknown anchor '${node.source}' referenced`);
      const known = this.expanded.get(target);
      if (known) {
        this.decodeCount += known.visits;
        this.aliasCount += known.visits;
        this.check();
        return known.value;
      }
      this.expanding.add(node);
      this.aliasDepth++;
      const before = this.decodeCount;
      try {
        const value = this.unmarshal(target);
        this.expanded.set(target, { value, visits: this.decodeCount - before });
        return value;
      } finally {
        this.aliasDepth--;
        this.expanding.delete(node);
      }
    }
    if (isScalar(node)) {
      const plain = node.type === 'PLAIN';
      const tag = node.tag && node.tag !== '!' ? node.tag : '';
      // `source` is the scalar's content before any tag is applied (`yaml` decodes !!binary itself).
      const text = typeof node.source === 'string' ? node.source : String(node.value ?? '');
      return resolveScalar(tag, text, plain);
    }
    if (isSeq(node)) return { kind: 'seq', items: node.items.map((item) => this.unmarshal(item as Node)) };
    if (isMap(node)) {
      const entries: Array<{ key: GoYamlValue; value: GoYamlValue }> = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        if (this.isMergeKey(keyNode)) {
          this.merge(pair.value as Node | null, entries);
          continue;
        }
        const key = this.unmarshal(keyNode);
        if (key.kind === 'seq' || key.kind === 'map')
          throw new YamlDecodeError(`invalid map key: ${goSyntax(key)}`);
        setMapEntry(entries, key, this.unmarshal(pair.value as Node | null));
      }
      return { kind: 'map', entries };
    }
    return NULL;
  }

  /** decode.go isMerge: a plain `<<` key, or one tagged !!merge. */
  private isMergeKey(node: Node | null): boolean {
    return (
      node !== null &&
      isScalar(node) &&
      node.value === '<<' &&
      ((node.type === 'PLAIN' && !node.tag) || node.tag === MERGE_TAG)
    );
  }

  /** decode.go merge: a map, an alias to one, or a list of those (applied last to first). */
  private merge(node: Node | null, entries: Array<{ key: GoYamlValue; value: GoYamlValue }>): void {
    const wantMap = () => new YamlDecodeError('map merge requires map or sequence of maps as the value');
    const targetIsMap = (n: Node) => {
      if (!isAlias(n)) return isMap(n);
      const t = this.anchors.resolve(n);
      return t === undefined || isMap(t);
    };
    const apply = (n: Node) => {
      const merged = this.unmarshal(n);
      if (merged.kind !== 'map') throw wantMap();
      for (const e of merged.entries) setMapEntry(entries, e.key, e.value);
    };
    if (node && (isMap(node) || isAlias(node))) {
      if (!targetIsMap(node)) throw wantMap();
      apply(node);
    } else if (node && isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i] as Node;
        if (!item || !(isMap(item) || isAlias(item)) || !targetIsMap(item)) throw wantMap();
        apply(item);
      }
    } else throw wantMap();
  }
}

class MapKeyError extends Error {}

/** sigs.k8s.io/yaml convertToJSONableObject (with no JSON target): keys become strings. */
function toJsonAble(value: GoYamlValue, options: YamlToJsonOptions): JsonAbleValue {
  switch (value.kind) {
    case 'null':
    case 'bool':
    case 'float':
    case 'string':
      return value;
    case 'int':
      return { kind: 'int', text: value.text };
    case 'seq':
      return { kind: 'array', items: value.items.map((v) => toJsonAble(v, options)) };
    case 'map': {
      const entries = new Map<string, JsonAbleValue>();
      for (const { key, value: v } of value.entries) {
        entries.set(jsonKey(key, v, options), toJsonAble(v, options));
      }
      return { kind: 'object', entries };
    }
  }
}

function jsonKey(key: GoYamlValue, value: GoYamlValue, options: YamlToJsonOptions): string {
  switch (key.kind) {
    case 'string':
      return key.value;
    case 'int':
      if (key.unsigned) break;
      return key.text;
    case 'bool':
      return key.value ? 'true' : 'false';
    case 'float': {
      const s = formatGoFloat(key.value, 'g32');
      return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
    }
  }
  const type = key.kind === 'null' ? '%!s(<nil>)' : key.kind === 'int' ? 'uint64' : key.kind;
  const word = options.capitalisedMapKeyError ? 'Unsupported' : 'unsupported';
  throw new MapKeyError(`${word} map key of type: ${type}, key: ${goSyntax(key)}, value: ${goSyntax(value)}`);
}
