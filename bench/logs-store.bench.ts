/**
 * The log store with 1,000,000 kubelet lines (issue 7): memory held against the raw bytes
 * (target < 1.5×) and the time to filter the whole store (target < 300 ms per filter).
 * Run: node --expose-gc --import tsx bench/logs-store.bench.ts   (or npx tsx, without gc figures)
 * Lines: the real shapes of docs/kubelet.md §5.4, with varying pods, times and numbers so that
 * no two lines are equal; 1 in 50 an error, 1 in 20 a warning.
 */
import { LogStore } from '../src-main/logs/log-store';
import { LogView } from '../src-main/logs/log-view';
import { sniffSeverity } from '../src-main/logs/severity-sniff';
import type { LogFilter } from '../src-main/contract/domain/log-filter';

const N = 1_000_000;
const pods = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'coredns-7db6d8ff4d-x2x9q',
  'kube-proxy-7hxl2',
];

function line(i: number): string {
  const t = `${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i % 1_000_000).padStart(6, '0')}`;
  const pod = `kube-system/${pods[i % pods.length]}-controlplane`;
  if (i % 50 === 0)
    return `E1011 ${t}   20023 file.go:187] "Could not process manifest file" err="invalid pod: [spec.containers: Required value]" path="/etc/kubernetes/manifests/broken-${i % 7}.yaml"`;
  if (i % 20 === 0)
    return `W1011 ${t}   20023 kubelet.go:2012] "Failed to update status for pod" pod="${pod}" err="pods \\"${pods[i % pods.length]}\\" not found"`;
  if (i % 3 === 0)
    return `I1011 ${t}   20023 kubelet.go:2337] "SyncLoop UPDATE" source="file" pods=["${pod}"]`;
  return `I1011 ${t}   20023 pod_startup_latency_tracker.go:104] "Observed pod startup duration" pod="${pod}" podStartSLOduration=${(i % 1000) / 997} podStartE2EDuration="${i % 1000}ms"`;
}

const gc = (globalThis as { gc?: () => void }).gc;
const used = () => {
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external; // external already counts the ArrayBuffers
};

const before = used();
const store = new LogStore(N);
let raw = 0;
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const text = line(i);
  raw += Buffer.byteLength(text) + 1;
  store.append(text, 1_700_000_000_000 + i, sniffSeverity(text));
}
const ingestMs = performance.now() - t0;
const after = used();
console.log(
  `lines: ${N.toLocaleString()}, raw bytes (with newlines): ${(raw / 1e6).toFixed(1)} MB, store ingest ${(N / (ingestMs / 1000)).toFixed(0)} lines/s`,
);
console.log(
  `store footprint: ${(store.footprint() / 1e6).toFixed(1)} MB = ${(store.footprint() / raw).toFixed(2)}× raw`,
);
if (gc)
  console.log(
    `process memory delta (heap + external): ${((after - before) / 1e6).toFixed(1)} MB = ${((after - before) / raw).toFixed(2)}× raw`,
  );

const filters: Array<[string, LogFilter]> = [
  ['severity E', { severities: ['E', 'F'] }],
  ['text, case-insensitive', { text: 'syncloop update' }],
  ['text, case-sensitive', { text: 'Failed to update' }],
  ['pod ns/name', { pod: { pod: 'kube-system/etcd-controlplane' } }],
  ['manifest path', { pod: { manifestPath: '/etc/kubernetes/manifests/broken-3.yaml' } }],
  ['regex', { regex: 'podStartE2EDuration="9\\d\\dms"' }],
  // No required text of 3+ characters (regex-literal.ts): one search per chunk (regex-chunk-scan.ts).
  ['regex, no required text ^[EW]\\d{4} ', { regex: '^[EW]\\d{4} ' }],
  ['regex, no required text (kube-apiserver|etcd)', { regex: '(kube-apiserver|etcd)' }],
  ['regex, no required text \\d{3}ms', { regex: '\\d{3}ms' }],
  ['regex err="[^"]*Required', { regex: 'err="[^"]*Required' }],
  // Lookarounds are rewritten like the rest, so they cannot see the next row (regex-row-pattern.ts).
  ['regex with a lookahead ^[EW]\\d{4}(?= )', { regex: '^[EW]\\d{4}(?= )' }],
  ['regex with a lookbehind (?<=pods=\\[")kube', { regex: '(?<=pods=\\[")kube' }],
  ['time range', { sinceMs: 1_700_000_000_000 + 250_000, untilMs: 1_700_000_000_000 + 750_000 }],
];
for (const [name, filter] of filters) {
  const times: number[] = [];
  let count = 0;
  for (let run = 0; run < 3; run++) {
    const s = performance.now();
    count = new LogView(store, filter).length;
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(
    `filter ${name}: median ${times[1].toFixed(0)} ms over 1,000,000 lines (${count.toLocaleString()} match)`,
  );
}
