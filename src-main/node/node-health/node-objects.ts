/** `kubectl get node NAME -o json` and `kubectl get nodes -o json`: conditions and control-plane names. */
import { parseBoundedJson } from '../doctor/bounded-json';

export interface NodeCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime: string;
}

const rec = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const s = (v: unknown): string => (typeof v === 'string' ? v : '');

export function nodeConditions(text: string): NodeCondition[] | null {
  const parsed = parseBoundedJson(text);
  if (!parsed.ok) return null;
  const conditions = rec(rec(parsed.value).status).conditions;
  if (!Array.isArray(conditions)) return null;
  return conditions.slice(0, 50).map((c) => {
    const r = rec(c);
    return {
      type: s(r.type),
      status: s(r.status),
      reason: s(r.reason),
      message: s(r.message),
      lastTransitionTime: s(r.lastTransitionTime),
    };
  });
}

/** Nodes labelled `node-role.kubernetes.io/control-plane` (kubeadm's label since v1.20), with their addresses. */
export function controlPlaneNodes(text: string): Array<{ name: string; addresses: string[] }> | null {
  const parsed = parseBoundedJson(text);
  if (!parsed.ok) return null;
  const items = rec(parsed.value).items;
  if (!Array.isArray(items)) return null;
  return items
    .filter((n) => 'node-role.kubernetes.io/control-plane' in rec(rec(rec(n).metadata).labels))
    .map((n) => ({
      name: s(rec(rec(n).metadata).name),
      addresses: (Array.isArray(rec(rec(n).status).addresses)
        ? (rec(rec(n).status).addresses as unknown[])
        : []
      ).map((a) => s(rec(a).address)),
    }));
}
