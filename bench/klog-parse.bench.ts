/**
 * Micro benchmark: kubelet log lines parsed per second by parseKlogLine.
 * Run: npm run bench -- klog-parse
 * Lines are typical kubelet ≥1.29 journal lines (docs/kubelet.md §5.4), in the three
 * shapes the app reads: a bare MESSAGE (journalctl -o json), a journald short line
 * (journalctl -o short), and an older free-text line.
 */
import { parseKlogLine } from '../src-main/node/journal/klog-line';

const LINES: Record<string, string> = {
  'message (structured, 2 kv)':
    'E0913 03:00:01.936249    2352 kubelet.go:1915] "Failed creating a mirror pod for" err="pods \\"kube-apiserver-minikube\\" already exists" pod="kube-system/kube-apiserver-minikube"',
  'journal short (structured, 2 kv)':
    'Feb 25 14:16:02 controlplane kubelet[26952]: E0225 14:16:02.967711   26952 file.go:187] "Could not process manifest file" err="/etc/kubernetes/manifests/kube-apiserver.yaml: couldn\'t parse as pod(yaml: line 67: found character that cannot start any token), please check config file" path="/etc/kubernetes/manifests/kube-apiserver.yaml"',
  'journal short (structured, 8 kv)':
    'Sep 13 03:00:01 minikube kubelet[2352]: I0913 03:00:01.934968    2352 pod_startup_latency_tracker.go:104] "Observed pod startup duration" pod="kube-system/kube-scheduler-minikube" podStartSLOduration=0.934958335 podStartE2EDuration="934.958335ms" podCreationTimestamp="2024-09-13 03:00:01 +0000 UTC" firstStartedPulling="0001-01-01 00:00:00 +0000 UTC" lastFinishedPulling="0001-01-01 00:00:00 +0000 UTC" observedRunningTime="2024-09-13 03:00:01.929312109 +0000 UTC m=+1.059375857" watchObservedRunningTime="2024-09-13 03:00:01.934958335 +0000 UTC m=+1.065022125"',
  'free text (old format)':
    'Dec 28 07:24:45 node01 kubelet[6272]: E1228 07:24:45.973287    6272 kubelet.go:1635] Failed creating a mirror pod for "kube-scheduler-node01_kube-system(9be8cb4627e7e5ad4c3f8acabd4b49b3)": pods "kube-scheduler-node01" already exists',
};

function rate(line: string, n: number): number {
  // Vary the input object so the engine cannot cache one result.
  const variants = Array.from({ length: 64 }, (_, i) => line.replace(/\d{6}(?= )/, String(100000 + i)));
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += parseKlogLine(variants[i & 63]!).keyValues.length;
  const ns = Number(process.hrtime.bigint() - t0);
  if (sink < 0) console.log(sink);
  return (n / ns) * 1e9;
}

const N = 1_000_000;
for (const line of Object.values(LINES)) rate(line, 200_000); // warm up
let total = 0;
for (const [name, line] of Object.entries(LINES)) {
  const r = rate(line, N);
  total += N / r;
  console.log(`${name.padEnd(36)} ${Math.round(r).toLocaleString('en-US').padStart(12)} lines/s`);
}
const mixed = (N * Object.keys(LINES).length) / total;
console.log(
  `${'mixed (harmonic mean)'.padEnd(36)} ${Math.round(mixed).toLocaleString('en-US').padStart(12)} lines/s`,
);
