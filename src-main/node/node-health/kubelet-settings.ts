/**
 * The kubelet settings the doctor judges against, from its config file (KubeletConfiguration
 * v1beta1), with the v1beta1 defaults where the file is silent:
 * cgroupDriver "cgroupfs"; healthzBindAddress 127.0.0.1, healthzPort 10248; evictionHard
 * `memory.available<100Mi, nodefs.available<10%, nodefs.inodesFree<5%, imagefs.available<15%`
 * on Linux [src: pkg/kubelet/eviction/defaults_linux.go DefaultEvictionHard]. The defaulting
 * applies that map only when the config has no evictionHard at all, so a config that sets one
 * signal drops the others, unless the newer `mergeDefaultEvictionSettings: true` asks for a
 * merge [src: pkg/kubelet/apis/config/v1beta1/defaults.go].
 */
import { parse as parseYaml } from 'yaml';
import { YAML_MAX_ALIASES, yamlUnreadable } from '../manifests/yaml-bounds';

export interface KubeletSettings {
  cgroupDriver: { value: string; from: string };
  healthz: { host: string; port: number };
  evictionHard: Record<string, string>;
  evictionFrom: string;
  tlsCertFile: string | null;
  featureGates: Record<string, boolean>;
  problems: string[];
}

export const DEFAULT_EVICTION_HARD: Readonly<Record<string, string>> = {
  'memory.available': '100Mi',
  'nodefs.available': '10%',
  'nodefs.inodesFree': '5%',
  'imagefs.available': '15%',
};

const rec = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export function readKubeletSettings(text: string | null, file: string | null): KubeletSettings {
  const out: KubeletSettings = {
    cgroupDriver: { value: 'cgroupfs', from: 'the kubelet default (cgroupfs): no config file was read' },
    healthz: { host: '127.0.0.1', port: 10248 },
    evictionHard: { ...DEFAULT_EVICTION_HARD },
    evictionFrom: 'the kubelet defaults',
    tlsCertFile: null,
    featureGates: {},
    problems: [],
  };
  if (text === null || !file) return out;
  const unreadable = yamlUnreadable(text);
  if (unreadable) {
    out.problems.push(`${file} was not read: ${unreadable}`);
    return out;
  }
  let doc: Record<string, unknown>;
  try {
    doc = rec(parseYaml(text, { maxAliasCount: YAML_MAX_ALIASES }));
  } catch (error) {
    out.problems.push(`${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    return out;
  }
  out.cgroupDriver =
    typeof doc.cgroupDriver === 'string'
      ? { value: doc.cgroupDriver, from: `${file}: cgroupDriver: ${doc.cgroupDriver}` }
      : { value: 'cgroupfs', from: `${file} sets no cgroupDriver; the kubelet default is cgroupfs` };
  if (typeof doc.healthzBindAddress === 'string' && doc.healthzBindAddress)
    out.healthz.host = doc.healthzBindAddress === '0.0.0.0' ? '127.0.0.1' : doc.healthzBindAddress;
  if (typeof doc.healthzPort === 'number' && doc.healthzPort > 0) out.healthz.port = doc.healthzPort;
  const hard = rec(doc.evictionHard);
  if (Object.keys(hard).length > 0) {
    const merge = doc.mergeDefaultEvictionSettings === true;
    out.evictionHard = merge ? { ...DEFAULT_EVICTION_HARD } : {};
    for (const [k, v] of Object.entries(hard)) if (typeof v === 'string') out.evictionHard[k] = v;
    out.evictionFrom = `${file}: evictionHard${merge ? ' (merged with the defaults)' : ''}`;
  }
  if (typeof doc.tlsCertFile === 'string' && doc.tlsCertFile) out.tlsCertFile = doc.tlsCertFile;
  for (const [k, v] of Object.entries(rec(doc.featureGates)))
    if (typeof v === 'boolean') out.featureGates[k] = v;
  return out;
}

/** `10%` → fraction of capacity; `100Mi`/`1Gi`/`500M` → bytes. Null when unreadable. */
export function thresholdBytes(value: string, capacity: number): number | null {
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(value.trim());
  if (pct) return (Number(pct[1]) / 100) * capacity;
  const q = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(value.trim());
  if (!q) return null;
  const mult: Record<string, number> = {
    '': 1,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  };
  return Number(q[1]) * (mult[q[2] ?? ''] ?? 1);
}
