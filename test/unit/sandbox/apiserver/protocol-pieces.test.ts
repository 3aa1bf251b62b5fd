/**
 * The simulated API server's pure pieces against upstream: Status wording
 * (apimachinery/pkg/api/errors/errors.go, apiserver responsewriters/errors.go forbiddenMessage),
 * selectors (apimachinery fields/selector.go, labels/selector.go; pod field labels from
 * pkg/registry/core/pod/strategy.go), request paths (apiserver request/requestinfo.go), Table
 * negotiation (kubectl get's Accept header) and Table rows (printers.go printPod / printNode).
 */
import { describe, expect, it } from 'vitest';
import { parseResourcePath, tableRequested } from '../../../../src-main/sandbox/apiserver/http-io';
import {
  fieldMatcher,
  parseFieldSelector,
  parseLabelSelector,
  POD_FIELDS,
  SelectorParseError,
  unsupportedField,
} from '../../../../src-main/sandbox/apiserver/selectors';
import {
  alreadyExists,
  conflict,
  forbidden,
  invalid,
  notFound,
  OBJECT_MODIFIED,
} from '../../../../src-main/sandbox/apiserver/status';
import { NODE_COLUMNS, podCells, POD_COLUMNS, toTable } from '../../../../src-main/sandbox/apiserver/table';
import { apiPod } from '../commands/api-fixture';
import { NOW } from '../commands/sim-fixture';

describe('Status objects', () => {
  it('NotFound, AlreadyExists and Conflict carry the resource and name as upstream words them', () => {
    expect(notFound('pods', 'x').status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "x" not found',
      reason: 'NotFound',
      details: { name: 'x', kind: 'pods' },
      code: 404,
    });
    expect(alreadyExists('pods', 'x').status).toMatchObject({
      message: 'pods "x" already exists',
      reason: 'AlreadyExists',
      code: 409,
    });
    expect(conflict('pods', 'x', OBJECT_MODIFIED).status).toMatchObject({
      message:
        'Operation cannot be fulfilled on pods "x": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict',
      code: 409,
    });
  });

  it('Invalid: the kind, the name, one cause per field error (what kubectl prints from)', () => {
    const s = invalid('Pod', 'web', [
      {
        field: 'spec',
        type: 'Forbidden',
        reason: 'FieldValueForbidden',
        detail: 'pod updates may not change …',
      },
    ]).status;
    expect(s).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'Pod "web" is invalid: spec: Forbidden: pod updates may not change …',
      details: {
        name: 'web',
        kind: 'Pod',
        causes: [
          {
            reason: 'FieldValueForbidden',
            field: 'spec',
            message: 'Forbidden: pod updates may not change …',
          },
        ],
      },
    });
  });

  it('Forbidden: RBAC wording, namespaced and cluster-scoped', () => {
    expect(forbidden('system:node:node01', 'delete', 'pods', 'etcd-x', 'kube-system').message).toBe(
      'pods "etcd-x" is forbidden: User "system:node:node01" cannot delete resource "pods" in API group "" in the namespace "kube-system"',
    );
    expect(forbidden('system:anonymous', 'list', 'nodes', '', undefined).message).toBe(
      'nodes is forbidden: User "system:anonymous" cannot list resource "nodes" in API group "" at the cluster scope',
    );
  });
});

describe('selectors', () => {
  it('field selectors: =, ==, != and escapes; only the registered pod fields', () => {
    const pod = apiPod({ ns: 'kube-system', name: 'a', ageMs: 0, node: 'cp', containers: [{ ready: true }] });
    const match = (s: string) => fieldMatcher(parseFieldSelector(s), POD_FIELDS)(pod);
    expect(match('spec.nodeName=cp')).toBe(true);
    expect(match('spec.nodeName==cp,metadata.namespace=kube-system')).toBe(true);
    expect(match('spec.nodeName!=cp')).toBe(false);
    expect(match('')).toBe(true);
    expect(parseFieldSelector('metadata.name=a\\,b')).toEqual([
      { key: 'metadata.name', op: '=', value: 'a,b' },
    ]);
    expect(unsupportedField(parseFieldSelector('spec.nodeName=cp,foo=bar'), POD_FIELDS)).toBe('foo');
    expect(() => parseFieldSelector('spec.nodeName')).toThrow(SelectorParseError);
  });

  it('label selectors: equality, inequality, set-based, existence', () => {
    const labels = { app: 'web', tier: 'front' };
    const ok = (s: string) => parseLabelSelector(s)(labels);
    expect(ok('app=web')).toBe(true);
    expect(ok('app==web,tier=front')).toBe(true);
    expect(ok('app!=web')).toBe(false);
    expect(ok('app in (db, web)')).toBe(true);
    expect(ok('app notin (web)')).toBe(false);
    expect(ok('tier')).toBe(true);
    expect(ok('!tier')).toBe(false);
    expect(ok('!missing')).toBe(true);
    expect(() => parseLabelSelector('a b c')).toThrow(SelectorParseError);
  });
});

describe('requests', () => {
  it('resource paths as RequestInfoFactory splits them', () => {
    expect(parseResourcePath('/api/v1/pods')).toEqual({ resource: 'pods' });
    expect(parseResourcePath('/api/v1/namespaces/kube-system/pods/etcd-cp')).toEqual({
      resource: 'pods',
      namespace: 'kube-system',
      name: 'etcd-cp',
    });
    expect(parseResourcePath('/api/v1/namespaces/kube-system')).toEqual({
      resource: 'namespaces',
      name: 'kube-system',
    });
    expect(parseResourcePath('/api/v1/nodes/cp/status')).toEqual({
      resource: 'nodes',
      name: 'cp',
      subresource: 'status',
    });
    expect(parseResourcePath('/api')).toBeNull();
    expect(parseResourcePath('/apis/apps/v1/deployments')).toBeNull();
  });

  it('Table only when asked for, in the version kubectl prefers', () => {
    // kubectl get's default Accept (kubectl/pkg/cmd/get/get.go).
    const kubectl =
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    expect(tableRequested(kubectl)).toBe('v1');
    expect(tableRequested('application/json;as=Table;v=v1beta1;g=meta.k8s.io')).toBe('v1beta1');
    expect(tableRequested('application/json, */*')).toBeNull();
    expect(tableRequested(undefined)).toBeNull();
  });
});

describe('Table', () => {
  it("pods: printPod's nine columns, priority 1 for the wide ones; a row per pod with its metadata", () => {
    expect(POD_COLUMNS.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Ready', 0],
      ['Status', 0],
      ['Restarts', 0],
      ['Age', 0],
      ['IP', 1],
      ['Node', 1],
      ['Nominated Node', 1],
      ['Readiness Gates', 1],
    ]);
    expect(NODE_COLUMNS.filter((c) => c.priority === 0).map((c) => c.name)).toEqual([
      'Name',
      'Status',
      'Roles',
      'Age',
      'Version',
    ]);
    const pod = apiPod({
      ns: 'kube-system',
      name: 'web',
      ageMs: 600_000,
      ip: '10.244.0.5',
      node: 'cp',
      containers: [{ ready: false, restarts: 3, lastFinishedAgoMs: 120_000, waiting: 'CrashLoopBackOff' }],
    });
    expect(podCells(pod, NOW)).toEqual([
      'web',
      '0/1',
      'CrashLoopBackOff',
      '3 (2m ago)',
      '10m',
      '10.244.0.5',
      'cp',
      '<none>',
      '<none>',
    ]);
    const table = toTable([pod], POD_COLUMNS, (p) => podCells(p, NOW), {
      resourceVersion: '9',
      include: 'Metadata',
    });
    expect(table).toMatchObject({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '9' },
    });
    expect(table.rows[0]?.object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: pod.metadata,
    });
    expect(toTable([pod], POD_COLUMNS, () => [], { include: 'None' }).rows[0]).toEqual({ cells: [] });
  });
});
