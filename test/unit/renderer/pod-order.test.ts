import { describe, expect, it } from 'vitest';
import {
  filterPods,
  naturalCompare,
  sortPods,
  type PodRowFacts,
} from '../../../src-renderer/features/pods/pod-order';

const pod = (name: string, extra: Partial<PodRowFacts> = {}): PodRowFacts => ({
  uid: name,
  name,
  namespace: 'default',
  kind: 'static',
  origin: 'static',
  severity: null,
  runtimeState: 'Running',
  runtimeReady: '1/1',
  runtimeRestarts: 0,
  runtimeCreatedMs: 1000,
  apiState: 'Running',
  apiReady: '1/1',
  apiRestarts: 0,
  apiCreatedMs: 1000,
  ...extra,
});
const names = (pods: PodRowFacts[]) => pods.map((p) => p.name);

describe('the Pods table order', () => {
  it('names in natural order: app-2 before app-10', () => {
    expect(['app-10', 'app-2', 'app-1', 'app-11'].sort(naturalCompare)).toEqual([
      'app-1',
      'app-2',
      'app-10',
      'app-11',
    ]);
  });

  it('by default: errors, then warnings, then static pods, then the others, each by name', () => {
    const pods = [
      pod('web-10'),
      pod('web-2'),
      pod('kube-proxy-x', { origin: 'api', kind: 'DaemonSet' }),
      pod('crasher', { severity: 'error' }),
      pod('late', { severity: 'warning', origin: 'api' }),
    ];
    expect(names(sortPods(pods, null))).toEqual(['crasher', 'late', 'web-2', 'web-10', 'kube-proxy-x']);
  });

  it('by a column alone (ties by name), ascending or descending', () => {
    const pods = [
      pod('a', { runtimeRestarts: 5 }),
      pod('b', { runtimeRestarts: 0, severity: 'error' }),
      pod('c', { runtimeRestarts: 5 }),
    ];
    expect(names(sortPods(pods, { column: 'runtimeRestarts', descending: false }))).toEqual(['b', 'a', 'c']);
    expect(names(sortPods(pods, { column: 'runtimeRestarts', descending: true }))).toEqual(['a', 'c', 'b']);
    const ages = [
      pod('old', { runtimeCreatedMs: 1 }),
      pod('new', { runtimeCreatedMs: 9 }),
      pod('none', { runtimeCreatedMs: null }),
    ];
    expect(names(sortPods(ages, { column: 'runtimeAge', descending: false }))).toEqual([
      'new',
      'old',
      'none',
    ]);
    const ready = [
      pod('full', { apiReady: '2/2' }),
      pod('half', { apiReady: '1/2' }),
      pod('none', { apiReady: '–' }),
    ];
    expect(names(sortPods(ready, { column: 'apiReady', descending: false }))).toEqual([
      'none',
      'half',
      'full',
    ]);
  });

  it('filters on every word, over namespace/name, kind and states', () => {
    const pods = [
      pod('app-1'),
      pod('app-10'),
      pod('etcd', { namespace: 'kube-system', runtimeState: 'Exited' }),
    ];
    expect(names(filterPods(pods, 'app-1'))).toEqual(['app-1', 'app-10']);
    expect(names(filterPods(pods, 'kube-system exited'))).toEqual(['etcd']);
    expect(names(filterPods(pods, '  '))).toEqual(['app-1', 'app-10', 'etcd']);
  });
});
