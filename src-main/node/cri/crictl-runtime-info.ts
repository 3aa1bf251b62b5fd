/**
 * Which runtime crictl reached and in what state: `crictl version` (kubernetes-sigs/cri-tools
 * cmd/crictl/version.go: `Version:`, `RuntimeName:`, `RuntimeVersion:`, `RuntimeApiVersion:`
 * lines) and `crictl info` (the CRI Status: `status.conditions` RuntimeReady/NetworkReady, and
 * since CRI v1.30 `runtimeHandlers` with their features; the runtime's own verbose keys —
 * containerd's `config`, `cniconfig`, `lastCNILoadStatus`, CRI-O's — are kept as they are).
 */
import { arr, isObject, obj, str } from '../api/tool-output/json-narrow';
import { parseJsonDocuments } from '../api/tool-output/json-salvage';

export interface CrictlVersion {
  clientApi: string | null;
  runtimeName: string | null;
  runtimeVersion: string | null;
  runtimeApiVersion: string | null;
}

export function parseCrictlVersion(text: string): CrictlVersion {
  const get = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(.*?)\\s*$`, 'm').exec(text);
    return m ? (m[1] as string) : null;
  };
  return {
    clientApi: get('Version'),
    runtimeName: get('RuntimeName'),
    runtimeVersion: get('RuntimeVersion'),
    runtimeApiVersion: get('RuntimeApiVersion'),
  };
}

export interface RuntimeCondition {
  type: string;
  status: boolean;
  reason: string;
  message: string;
}

export interface CrictlInfo {
  conditions: RuntimeCondition[];
  /** The runtime handlers the runtime offers (`""` is the default one). */
  runtimeHandlers: string[];
  /** Conditions that are not true, in words: "NetworkReady: NetworkPluginNotReady (cni config uninitialized)". */
  notReady: string[];
}

export function parseCrictlInfo(text: string): CrictlInfo | null {
  const docs = parseJsonDocuments(text);
  const doc = docs.ok ? docs.values[0] : undefined;
  if (!isObject(doc)) return null;
  const conditions = arr(obj(doc.status).conditions).map((c) => {
    const o = obj(c);
    return { type: str(o.type), status: o.status === true, reason: str(o.reason), message: str(o.message) };
  });
  return {
    conditions,
    runtimeHandlers: arr(doc.runtimeHandlers).map((h) => str(obj(h).name)),
    notReady: conditions
      .filter((c) => !c.status)
      .map((c) => `${c.type}: ${c.reason || 'not ready'}${c.message ? ` (${c.message})` : ''}`),
  };
}
