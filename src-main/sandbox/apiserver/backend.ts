/**
 * What the REST API server needs of the simulated node: the API's objects as they are now, and
 * the writes the simulated API (engine/api/api-view.ts) carries out. The kubelet daemon passes
 * its SimKubeletHandle (engine/kubelet.ts), which has exactly these.
 */
import type { ApiNode, ApiPod, SimNodeState } from '../model';

export interface ApiBackend {
  /** The published state: API pods with their current status, the Node, whether the API is up. */
  state(): SimNodeState;
  nextResourceVersion(): string;
  createPod(manifest: unknown, namespace: string): ApiPod;
  deletePod(namespace: string, name: string, gracePeriodSeconds?: number): { deleted: boolean };
  patchMetadata(
    namespace: string,
    name: string,
    labels?: Record<string, string | null>,
    annotations?: Record<string, string | null>,
    finalizers?: string[],
  ): { pod: ApiPod };
  deleteNode(name: string): { deleted: boolean };
  updateNode(
    name: string,
    change: Pick<ApiNode['metadata'], 'labels' | 'annotations'> & { spec: ApiNode['spec'] },
  ): ApiNode;
  on(event: 'change', listener: () => void): void;
  off(event: 'change', listener: () => void): void;
}
