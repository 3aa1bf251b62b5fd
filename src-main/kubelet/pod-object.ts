/**
 * The loosely typed Pod object the kubelet's file source works with: the decoded manifest, with
 * only the fields its rules read given names. Everything else is kept as-is so a mirror pod can
 * copy the whole spec (docs/kubelet.md §2.1).
 */
export type JsonObject = Record<string, unknown>;

export interface ContainerSpec extends JsonObject {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  volumeMounts?: Array<{ name: string; mountPath?: string } & JsonObject>;
}

export interface PodObject extends JsonObject {
  apiVersion: string;
  kind: 'Pod';
  metadata: JsonObject & {
    name?: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: JsonObject & {
    containers: ContainerSpec[];
    initContainers?: ContainerSpec[];
    volumes?: Array<{ name: string } & JsonObject>;
    hostNetwork?: boolean;
    terminationGracePeriodSeconds?: number;
    nodeName?: string;
    tolerations?: JsonObject[];
  };
  status?: JsonObject;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
