/**
 * `--field-selector` and `-l/--selector` as the API server applies them to pods. Pods support
 * only a fixed set of field labels; anything else is a BadRequest, as from a real API server.
 */
import type { ApiPod } from '../model';
// The field labels pods support are the API server's (one list for both).
import { POD_FIELDS } from '../apiserver/selectors';

export class SelectorError extends Error {}

type Requirement = (labelsOrFields: (key: string) => string | undefined) => boolean;

function parseTerms(selector: string, allowExists: boolean): Array<{ key: string; test: Requirement }> {
  return selector
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((term) => {
      const m = /^(!?)([^!=\s]+)\s*(?:(==|=|!=)\s*(.*))?$/.exec(term);
      if (!m || (!m[3] && !allowExists)) throw new SelectorError(term);
      const [, not, key, op, value] = m;
      if (!op) return { key, test: (get) => (get(key) !== undefined) !== (not === '!') };
      if (not) throw new SelectorError(term);
      return { key, test: (get) => (op === '!=' ? get(key) !== value : get(key) === value) };
    });
}

export function fieldSelectorMatcher(selector: string | undefined): (p: ApiPod) => boolean {
  if (!selector) return () => true;
  let terms;
  try {
    terms = parseTerms(selector, false);
  } catch {
    throw new SelectorError(`invalid selector: '${selector}'; can't understand '${selector}'`);
  }
  for (const t of terms) {
    if (!POD_FIELDS[t.key]) {
      throw new SelectorError(
        `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "${selector}": field label not supported: ${t.key}`,
      );
    }
  }
  return (p) => terms.every((t) => t.test((k) => POD_FIELDS[k](p)));
}

export function labelSelectorMatcher(selector: string | undefined): (p: ApiPod) => boolean {
  if (!selector) return () => true;
  let terms;
  try {
    terms = parseTerms(selector, true);
  } catch {
    throw new SelectorError(`error: unable to parse requirement: found '${selector}', expected: identifier`);
  }
  return (p) => terms.every((t) => t.test((k) => p.metadata.labels?.[k]));
}
