/**
 * The Pods table's order and filter (issue 14 point 8). Names compare in natural order (app-2
 * before app-10, as people count); by default pods with an error come first, then those with a
 * warning, then the static pods, then the node's other pods. Choosing a column sorts by it alone
 * (ties by name). Pure; tested in test/unit/renderer/pod-order.test.ts.
 */

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export type SortColumn =
  | 'name'
  | 'runtimeState'
  | 'runtimeReady'
  | 'runtimeRestarts'
  | 'runtimeAge'
  | 'apiState'
  | 'apiReady'
  | 'apiRestarts'
  | 'apiAge';

export interface PodSort {
  column: SortColumn;
  descending: boolean;
}

/** What the table shows of a pod, as the sort and the filter read it. */
export interface PodRowFacts {
  uid: string;
  name: string;
  namespace: string;
  kind: string;
  origin: 'static' | 'api';
  severity: 'error' | 'warning' | 'info' | null;
  runtimeState: string;
  runtimeReady: string;
  runtimeRestarts: number | null;
  /** Creation time, ms; null when unknown. */
  runtimeCreatedMs: number | null;
  apiState: string;
  apiReady: string;
  apiRestarts: number | null;
  apiCreatedMs: number | null;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** "1/2" → 0.5 so ready columns sort by how ready, then by size. */
function readyValue(text: string): number {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) return -1;
  const total = Number(match[2]);
  return total === 0 ? 0 : Number(match[1]) / total + total / 1e6;
}

function compareNullable(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

const negate = (ms: number | null) => (ms === null ? null : -ms);

function compareBy(column: SortColumn, a: PodRowFacts, b: PodRowFacts): number {
  switch (column) {
    case 'name':
      return naturalCompare(a.name, b.name) || naturalCompare(a.namespace, b.namespace);
    case 'runtimeState':
      return naturalCompare(a.runtimeState, b.runtimeState);
    case 'apiState':
      return naturalCompare(a.apiState, b.apiState);
    case 'runtimeReady':
      return readyValue(a.runtimeReady) - readyValue(b.runtimeReady);
    case 'apiReady':
      return readyValue(a.apiReady) - readyValue(b.apiReady);
    case 'runtimeRestarts':
      return compareNullable(a.runtimeRestarts, b.runtimeRestarts);
    case 'apiRestarts':
      return compareNullable(a.apiRestarts, b.apiRestarts);
    // Age ascending = youngest first = the newest creation time first (unknown last).
    case 'runtimeAge':
      return compareNullable(negate(a.runtimeCreatedMs), negate(b.runtimeCreatedMs));
    case 'apiAge':
      return compareNullable(negate(a.apiCreatedMs), negate(b.apiCreatedMs));
  }
}

function problemRank(pod: PodRowFacts): number {
  return pod.severity === 'error' || pod.severity === 'warning' ? SEVERITY_RANK[pod.severity] : 2;
}

/** The pods in table order; `sort` null is the default order (problems first). */
export function sortPods<T extends PodRowFacts>(pods: readonly T[], sort: PodSort | null): T[] {
  const sorted = [...pods];
  if (sort === null) {
    sorted.sort(
      (a, b) =>
        problemRank(a) - problemRank(b) ||
        (a.origin === b.origin ? 0 : a.origin === 'static' ? -1 : 1) ||
        compareBy('name', a, b),
    );
    return sorted;
  }
  const sign = sort.descending ? -1 : 1;
  sorted.sort((a, b) => sign * compareBy(sort.column, a, b) || compareBy('name', a, b));
  return sorted;
}

/**
 * Pods whose name, namespace, kind or states contain every word of the query (case-insensitive);
 * `ns/name` matches the pod's full name.
 */
export function filterPods<T extends PodRowFacts>(pods: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...pods];
  return pods.filter((pod) => {
    const text = [
      `${pod.namespace}/${pod.name}`,
      pod.kind,
      pod.runtimeState,
      pod.apiState,
      pod.severity ?? '',
    ]
      .join(' ')
      .toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
