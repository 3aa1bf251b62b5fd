import { describe, expect, it } from 'vitest';
import type { LogFilter } from '../../../src-main/contract/domain/log-filter';
import { LogStore, ROW_GAP, Sev } from '../../../src-main/logs/log-store';
import { LogView } from '../../../src-main/logs/log-view';
import { LogViews } from '../../../src-main/logs/log-views';
import { workerRegexJudge } from '../../../src-main/logs/regex-worker';
import { sniffSeverity } from '../../../src-main/logs/severity-sniff';

// A user's regex must not block the core (every node session, keepalive and call share its
// thread): the core's views judge a regex on a worker with a time budget.

const LINES = [
  'I1011 01:18:20.046733   20023 kubelet.go:2337] "SyncLoop ADD" source="file" pods=["kube-system/etcd-controlplane"]',
  'E1011 01:18:21.046733   20023 file.go:187] "Could not process manifest file" err="invalid pod" path="/etc/kubernetes/manifests/broken.yaml"',
  'W1011 01:18:23.046733   20023 warnings.go:70] "Ünïcode warning" pod="kube-system/kube-apiserver-controlplane"',
  'I1011 01:18:24.046733   20023 kubelet.go:1] multi-line record\n  continued "here"',
  'I1011 01:18:25.046733   20023 kubelet.go:2337] "SyncLoop UPDATE" source="file" pods=[kube-system/etcd-controlplane]',
];

function storeOf(lines: string[], repeat = 1): LogStore {
  const store = new LogStore(100_000);
  for (let k = 0; k < repeat; k++) {
    lines.forEach((l, i) => store.append(l, 1000 * (i + 1), sniffSeverity(l)));
    if (k === 0) store.append('-- gap --', 0, Sev.Unknown, ROW_GAP);
  }
  return store;
}

const seqs = (view: LogView) => Array.from({ length: view.length }, (_, i) => view.seqAt(i));

describe('regex filters on a worker thread', () => {
  it('give the same rows as on the calling thread', async () => {
    const filters: LogFilter[] = [
      { regex: 'SyncLoop (ADD|UPDATE)' },
      { regex: '^E\\d{4}' },
      { regex: 'continued' },
      { regex: 'Ün.code' },
      { regex: '(?<=pods=)\\[' },
      { regex: 'etcd-controlplane(?![A-Za-z0-9._-])', severities: ['I'] },
      { regex: '"$' },
      { regex: 'x*' },
      { regex: '(\\w)\\1' },
    ];
    const store = storeOf(LINES, 40);
    for (const filter of filters) {
      const here = new LogView(store, filter);
      const there = new LogView(store, filter, (spec) => workerRegexJudge(spec));
      await there.catchUp();
      expect(seqs(there), JSON.stringify(filter)).toEqual(seqs(here));
      expect(there.stoppedReason).toBeNull();
      there.dispose();
    }
  });

  it("the core's views never judge a regex on its own thread", async () => {
    const views = new LogViews(storeOf(LINES));
    const view = views.get({ regex: 'SyncLoop' });
    expect(view.length).toBe(0); // nothing scanned until the worker has answered
    await view.catchUp();
    expect(view.length).toBe(3);
    views.dispose();
  });

  it('a catastrophic regex is stopped at its budget, and the thread keeps answering meanwhile', async () => {
    // `^(a+)+$` on 40 a's and a '!' tries 2^40 ways to split them before it fails.
    const store = new LogStore(1000);
    for (let i = 0; i < 50; i++) store.append(`${'a'.repeat(40)}!`, i, Sev.I);
    const view = new LogView(store, { regex: '^(a+)+$' }, (spec) =>
      workerRegexJudge(spec, { budgetMs: 1500 }),
    );
    let worstLag = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      worstLag = Math.max(worstLag, now - last);
      last = now;
    }, 10);
    try {
      await view.catchUp();
    } finally {
      clearInterval(ticker);
      view.dispose();
    }
    expect(worstLag).toBeLessThan(200);
    expect(view.stoppedReason).toMatch(/took more than 1\.5 s on 50 lines and was stopped/);
    expect(view.length).toBe(0);
  });
});
