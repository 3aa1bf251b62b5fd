/**
 * The parts of the KubeletConfiguration file the simulation honours (docs/kubelet.md §6):
 * staticPodPath (empty or absent: the file source is disabled; kubeadm writes
 * /etc/kubernetes/manifests) and fileCheckFrequency (kubeadm writes `0s`, defaulted to 20 s, §1.1).
 */
import { parse } from 'yaml';
import { isObject } from '../../../kubelet/pod-object';

export const DEFAULT_FILE_CHECK_MS = 20_000;
/** What kubeadm writes as staticPodPath (§6); the simulation has no default of its own. */
export const KUBEADM_STATIC_POD_PATH = '/etc/kubernetes/manifests';

export interface SimKubeletConfig {
  /** Node path; empty = file source disabled. */
  staticPodPath: string;
  fileCheckFrequencyMs: number;
}

/** Go time.ParseDuration for the units a config uses (`0s`, `20s`, `1m30s`, `500ms`). */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
    matched = re.lastIndex;
  }
  return matched === text.length && matched > 0 ? total : undefined;
}

export function parseKubeletConfig(text: string): SimKubeletConfig {
  const doc: unknown = parse(text);
  const cfg = isObject(doc) ? doc : {};
  const staticPodPath =
    typeof cfg.staticPodPath === 'string' ? cfg.staticPodPath.replace(/(.)\/+$/, '$1') : '';
  const freq =
    typeof cfg.fileCheckFrequency === 'string' ? parseGoDuration(cfg.fileCheckFrequency) : undefined;
  return { staticPodPath, fileCheckFrequencyMs: freq && freq > 0 ? freq : DEFAULT_FILE_CHECK_MS };
}
