/**
 * `fieldSelector` and `labelSelector` as the API server applies them to a list or a watch.
 * Field selectors (k8s.io/apimachinery/pkg/fields/selector.go): comma-separated `key=value`,
 * `key==value`, `key!=value` terms, `\` escaping `,` `=` `!` `\`; only the field labels the
 * resource registers (pods: pkg/registry/core/pod/strategy.go ToSelectableFields and
 * AddFieldLabelConversionsForPod; nodes: metadata.name and spec.unschedulable), anything else is
 * `field label not supported: <key>`. Label selectors (k8s.io/apimachinery/pkg/labels/selector.go):
 * `k`, `!k`, `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k>n`, `k<n`.
 */
import type { ApiNode, ApiPod } from '../model';

export class SelectorParseError extends Error {}

type Getter<T> = (object: T) => string;

export const POD_FIELDS: Record<string, Getter<ApiPod>> = {
  'metadata.name': (p) => p.metadata.name,
  'metadata.namespace': (p) => p.metadata.namespace,
  'spec.nodeName': (p) => p.spec.nodeName ?? '',
  'spec.restartPolicy': (p) => String(p.spec.restartPolicy ?? ''),
  'spec.schedulerName': (p) => String(p.spec.schedulerName ?? ''),
  'spec.serviceAccountName': (p) => String(p.spec.serviceAccountName ?? ''),
  'spec.hostNetwork': (p) => String(p.spec.hostNetwork === true),
  'status.phase': (p) => String((p.status as { phase?: string }).phase ?? ''),
  'status.podIP': (p) => String((p.status as { podIP?: string }).podIP ?? ''),
  'status.nominatedNodeName': (p) =>
    String((p.status as { nominatedNodeName?: string }).nominatedNodeName ?? ''),
};

export const NODE_FIELDS: Record<string, Getter<ApiNode>> = {
  'metadata.name': (n) => n.metadata.name,
  'spec.unschedulable': (n) => String(n.spec.unschedulable === true),
};

export interface FieldTerm {
  key: string;
  op: '=' | '!=';
  value: string;
}

/** Splits on an unescaped separator, keeping escapes for the next stage. */
function splitUnescaped(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[i + 1];
      i++;
    } else if (c === sep) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

const unescape = (v: string) => v.replace(/\\(.)/g, '$1');

/** fields.ParseSelector: an empty selector selects everything. */
export function parseFieldSelector(selector: string): FieldTerm[] {
  if (selector.trim() === '') return [];
  return splitUnescaped(selector, ',').map((term) => {
    // The first unescaped operator splits key and value; `!=` before `==` before `=`.
    const m = /^((?:[^\\!=]|\\.)*)(!=|==|=)(.*)$/.exec(term);
    if (!m) throw new SelectorParseError(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, key, op, value] = m as unknown as [string, string, string, string];
    return { key: unescape(key).trim(), op: op === '!=' ? '!=' : '=', value: unescape(value) };
  });
}

/** The terms' keys that the resource does not support, in order. */
export function unsupportedField<T>(terms: FieldTerm[], fields: Record<string, Getter<T>>): string | null {
  return terms.find((t) => !Object.prototype.hasOwnProperty.call(fields, t.key))?.key ?? null;
}

export function fieldMatcher<T>(terms: FieldTerm[], fields: Record<string, Getter<T>>): (o: T) => boolean {
  return (o) =>
    terms.every((t) => {
      const get = fields[t.key];
      const actual = get ? get(o) : '';
      return t.op === '=' ? actual === t.value : actual !== t.value;
    });
}

type LabelTest = (labels: Record<string, string>) => boolean;

const LABEL_KEY =
  /^([a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;

/** Splits requirements on commas outside parentheses. */
function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of selector) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

function requirement(raw: string): LabelTest {
  const fail = (): never => {
    throw new SelectorParseError(`unable to parse requirement: found '${raw}', expected: identifier`);
  };
  const key = (k: string) => (LABEL_KEY.test(k) ? k : fail());
  let m = /^!\s*(\S+)$/.exec(raw);
  if (m) {
    const k = key(m[1] as string);
    return (l) => !(k in l);
  }
  m = /^(\S+?)\s+(in|notin)\s*\(([^)]*)\)$/.exec(raw);
  if (m) {
    const k = key(m[1] as string);
    const values = (m[3] as string).split(',').map((v) => v.trim());
    return m[2] === 'in'
      ? (l) => k in l && values.includes(l[k] as string)
      : (l) => !(k in l) || !values.includes(l[k] as string);
  }
  m = /^([^=!<>\s]+)\s*(==|=|!=|<|>)\s*(\S*)$/.exec(raw);
  if (m) {
    const k = key(m[1] as string);
    const value = m[3] as string;
    switch (m[2]) {
      case '!=':
        return (l) => l[k] !== value;
      case '<':
      case '>': {
        const n = Number(value);
        if (!Number.isInteger(n)) fail();
        return (l) =>
          k in l && Number.isInteger(Number(l[k])) && (m?.[2] === '<' ? Number(l[k]) < n : Number(l[k]) > n);
      }
      default:
        return (l) => l[k] === value;
    }
  }
  if (/^\S+$/.test(raw)) {
    const k = key(raw);
    return (l) => k in l;
  }
  return fail();
}

/** labels.Parse: an empty selector selects everything. */
export function parseLabelSelector(selector: string): LabelTest {
  if (selector.trim() === '') return () => true;
  const tests = splitRequirements(selector).map(requirement);
  return (labels) => tests.every((t) => t(labels));
}
