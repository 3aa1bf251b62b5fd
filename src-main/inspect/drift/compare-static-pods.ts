/**
 * Compares the static pods of several nodes (docs/cluster.md "Drift"): each pod's manifests,
 * decoded and split into fields (pod-fields.ts), with each node's own names and addresses masked
 * (per-node-values.ts); a field whose values differ names the nodes outside the majority.
 */
import type {
  DriftDifference,
  DriftNode,
  DriftReport,
  DriftValue,
  StaticPodDrift,
} from '../../contract/domain/drift';
import { commandLineFields, decodeManifest, fieldKey, type PodField } from './pod-fields';
import { harvestIdentity, IGNORED_FLAGS, maskerFor, type NodeIdentity } from './per-node-values';

/** One node's static pod manifests, or why they could not be read. */
export type NodeManifests =
  | {
      node: string;
      identity: NodeIdentity;
      /** The manifests the kubelet runs (winners of the directory, docs/kubelet.md §1.6). */
      manifests: Array<{ file: string; content: string }>;
      /** The kubelet's command line (/proc/<pid>/cmdline), compared as the entry KUBELET_ENTRY. */
      kubeletArgs?: string[];
    }
  | { node: string; error: string };

interface ReadNode {
  name: string;
  /** Some manifest did not decode: a pod not found here may be in it. */
  undecoded: boolean;
  pods: Map<string, { file: string; fields: Map<string, PodField> }>;
}

/** The entry under which the kubelets' own flags are compared with the static pods. */
export const KUBELET_ENTRY = 'kubelet (command line)';

const CATEGORY_ORDER = ['image', 'flags', 'volumes', 'resources', 'env', 'probes', 'metadata', 'other'];

export function compareStaticPods(inputs: NodeManifests[], now = Date.now()): DriftReport {
  const nodes: DriftNode[] = [];
  const read: ReadNode[] = [];
  for (const input of inputs) {
    if ('error' in input) {
      nodes.push({
        name: input.node,
        read: false,
        detail: input.error,
        maskedNames: [],
        maskedAddresses: [],
        problems: [],
      });
      continue;
    }
    const problems: string[] = [];
    const decoded: Array<{ file: string; pod: string; fields: Map<string, PodField> }> = [];
    for (const m of input.manifests) {
      const d = decodeManifest(m.content);
      if (d.ok) decoded.push({ file: m.file, pod: d.pod, fields: d.fields });
      else problems.push(`${m.file}: ${d.error}`);
    }
    if (input.kubeletArgs) {
      const fields = new Map<string, PodField>();
      commandLineFields(input.kubeletArgs, 'kubelet', (f) => fields.set(fieldKey(f), f));
      decoded.push({ file: '(kubelet process)', pod: KUBELET_ENTRY, fields });
    }
    const identity = harvestIdentity(
      { names: [input.node, ...input.identity.names], addresses: input.identity.addresses },
      decoded.map((d) => d.fields),
    );
    const mask = maskerFor(identity);
    const pods = new Map<string, { file: string; fields: Map<string, PodField> }>();
    for (const d of decoded) {
      const fields = new Map<string, PodField>();
      for (const [key, f] of d.fields) {
        if (IGNORED_FLAGS.some((i) => i.container === f.container && i.flag === f.field)) continue;
        fields.set(key, { ...f, value: mask(f.value) });
      }
      pods.set(d.pod, { file: d.file, fields });
    }
    read.push({ name: input.node, undecoded: problems.length > 0, pods });
    nodes.push({
      name: input.node,
      read: true,
      detail: `${input.manifests.length} manifest${input.manifests.length === 1 ? '' : 's'} read${input.kubeletArgs ? ", and the kubelet's command line" : ''}`,
      maskedNames: identity.names,
      maskedAddresses: identity.addresses,
      problems,
    });
  }
  const podNames = [...new Set(read.flatMap((n) => [...n.pods.keys()]))].sort();
  const pods = podNames.map((pod) => comparePod(pod, read));
  return { nodes, pods, ignored: IGNORED_FLAGS.map((i) => i.why), comparedAt: now };
}

function comparePod(pod: string, nodes: ReadNode[]): StaticPodDrift {
  const having = nodes.filter((n) => n.pods.has(pod));
  const files: Record<string, string> = {};
  for (const n of having) files[n.name] = n.pods.get(pod)?.file ?? '';
  const keys = new Set(having.flatMap((n) => [...(n.pods.get(pod)?.fields.keys() ?? [])]));
  const differences: DriftDifference[] = [];
  for (const key of keys) {
    const byValue = new Map<string | null, string[]>();
    let sample: PodField | undefined;
    for (const n of having) {
      const f = n.pods.get(pod)?.fields.get(key);
      sample ??= f;
      const v = f?.value ?? null;
      byValue.set(v, [...(byValue.get(v) ?? []), n.name]);
    }
    if (byValue.size < 2 || !sample) continue;
    const values: DriftValue[] = [...byValue]
      .map(([value, ns]) => ({ value, nodes: ns }))
      .sort((a, b) => b.nodes.length - a.nodes.length);
    const top = values[0];
    const majority = top && top.nodes.length * 2 > having.length ? top : undefined;
    differences.push({
      category: sample.category,
      container: sample.container,
      field: sample.field,
      values,
      odd: majority ? having.map((n) => n.name).filter((n) => !majority.nodes.includes(n)) : [],
    });
  }
  differences.sort(
    (a, b) =>
      (a.container ?? '').localeCompare(b.container ?? '') ||
      CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
      a.field.localeCompare(b.field),
  );
  const absent = nodes.filter((n) => !n.pods.has(pod));
  const missingOn = absent.filter((n) => !n.undecoded).map((n) => n.name);
  const undecidedOn = absent.filter((n) => n.undecoded).map((n) => n.name);
  return {
    pod,
    files,
    status: differences.length > 0 || missingOn.length > 0 ? 'differs' : 'same',
    missingOn,
    undecidedOn,
    differences,
  };
}
