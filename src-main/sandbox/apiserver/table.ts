/**
 * Server-side printing: the `metav1.Table` (apiVersion meta.k8s.io/v1) the API server answers
 * when the client accepts `application/json;as=Table;v=v1;g=meta.k8s.io`, which is how
 * `kubectl get` asks by default (kubectl/pkg/cmd/get/get.go, transformRequests). Columns and
 * cells are printPod/printNode's (kubernetes pkg/printers/internalversion/printers.go):
 * pods `Name Ready Status Restarts Age` + priority 1 `IP Node Nominated Node Readiness Gates`,
 * nodes `Name Status Roles Age Version` + priority 1 `Internal-IP External-IP OS-Image
 * Kernel-Version Container-Runtime`. Each row carries its object as PartialObjectMetadata
 * (`includeObject=Metadata`, the default of metav1.TableOptions), the whole object with
 * `includeObject=Object`, or nothing with `includeObject=None`.
 * Type shapes: apimachinery/pkg/apis/meta/v1/types.go (Table, TableColumnDefinition, TableRow).
 */
import type { ApiNode, ApiPod } from '../model';
import { kubectlAge } from '../commands/human-duration';
import { nodeRoles, nodeStatusText } from '../commands/kubectl-printers';
import { podIp, podRow, readinessGates } from '../commands/pod-status';

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRow {
  cells: unknown[];
  object?: unknown;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/**
 * Descriptions: printers.go's own texts; the columns it describes with the API's swagger docs
 * (Name, Age, IP, …) get an empty description here (kubectl prints none of them).
 */
const SWAGGER = '';
const column = (name: string, description: string, priority = 0, format = ''): TableColumnDefinition => ({
  name,
  type: 'string',
  format,
  description,
  priority,
});

export const POD_COLUMNS: TableColumnDefinition[] = [
  column('Name', SWAGGER, 0, 'name'),
  column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'The aggregate status of the containers in this pod.'),
  column(
    'Restarts',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
  ),
  column('Age', SWAGGER),
  column('IP', SWAGGER, 1),
  column('Node', SWAGGER, 1),
  column('Nominated Node', SWAGGER, 1),
  column('Readiness Gates', SWAGGER, 1),
];

export const NODE_COLUMNS: TableColumnDefinition[] = [
  column('Name', SWAGGER, 0, 'name'),
  column('Status', 'The status of the node'),
  column('Roles', 'The roles of the node'),
  column('Age', SWAGGER),
  column('Version', SWAGGER),
  column('Internal-IP', SWAGGER, 1),
  column('External-IP', SWAGGER, 1),
  column('OS-Image', SWAGGER, 1),
  column('Kernel-Version', SWAGGER, 1),
  column('Container-Runtime', SWAGGER, 1),
];

export function podCells(pod: ApiPod, nowMs: number): unknown[] {
  const r = podRow(pod, nowMs);
  const nominated = (pod.status as { nominatedNodeName?: string }).nominatedNodeName;
  return [
    pod.metadata.name,
    r.ready,
    r.status,
    r.restarts,
    kubectlAge(nowMs, pod.metadata.creationTimestamp),
    podIp(pod),
    pod.spec.nodeName || '<none>',
    nominated || '<none>',
    readinessGates(pod),
  ];
}

export function nodeCells(node: ApiNode, nowMs: number): unknown[] {
  const address = (type: string) => node.status.addresses.find((a) => a.type === type)?.address || '<none>';
  const info = node.status.nodeInfo;
  return [
    node.metadata.name,
    nodeStatusText(node),
    nodeRoles(node),
    kubectlAge(nowMs, node.metadata.creationTimestamp),
    info.kubeletVersion ?? '',
    address('InternalIP'),
    address('ExternalIP'),
    info.osImage || '<unknown>',
    info.kernelVersion || '<unknown>',
    info.containerRuntimeVersion || '<unknown>',
  ];
}

/** Anything with ObjectMeta. */
export type MetaObject = { metadata: object };

function rowObject(object: MetaObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

export function toTable<T extends MetaObject>(
  objects: T[],
  columns: TableColumnDefinition[],
  cells: (object: T) => unknown[],
  opts: { resourceVersion?: string; include: IncludeObject; noHeaders?: boolean },
): Table {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: opts.resourceVersion === undefined ? {} : { resourceVersion: opts.resourceVersion },
    columnDefinitions: opts.noHeaders ? [] : columns,
    rows: objects.map((o) => {
      const object = rowObject(o, opts.include);
      return object === undefined ? { cells: cells(o) } : { cells: cells(o), object };
    }),
  };
}
