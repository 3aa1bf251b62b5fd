/**
 * Tolerance: no parser throws on cut input. Every real line and JSON sample is cut at
 * every position (what pagers, systemctl and SSH drops produce) and parsed.
 */
import { describe, expect, it } from 'vitest';
import { parseKlogLine } from '../../../src-main/node/journal/klog-line';
import { joinKlogLines } from '../../../src-main/node/journal/klog-multiline';
import { parseJournalJsonLine } from '../../../src-main/node/journal/journal-json';
import { parseKubectlPodList } from '../../../src-main/node/api/kubectl-pod-json';
import { parseCrictlInspect } from '../../../src-main/node/cri/crictl-inspect';
import { dataLines, section } from './fixtures';

function prefixes(s: string, step = 1): string[] {
  const out: string[] = [];
  for (let i = 0; i <= s.length; i += step) out.push(s.slice(0, i));
  return out;
}

describe('robustness on cut input', () => {
  it('parseKlogLine keeps every cut kubelet line verbatim and never throws', () => {
    const lines = dataLines('kubelet-journal-static-pods.txt').filter((l) => l !== '');
    let n = 0;
    for (const line of lines) {
      for (const cut of prefixes(line)) {
        const r = parseKlogLine(cut);
        expect(r.raw).toBe(cut);
        n++;
      }
    }
    expect(n).toBeGreaterThan(10_000);
    expect(joinKlogLines(lines)).toHaveLength(53); // the 5 wrapped lines of PR #59311 join into 1
  });

  it('JSON parsers return a result or a clean error for every cut', () => {
    const json = JSON.stringify({
      kind: 'Pod',
      metadata: { name: 'x', uid: 'u', annotations: { a: 'b' } },
      status: { phase: 'Running' },
    });
    for (const cut of prefixes(json)) {
      const r = parseKubectlPodList(cut);
      expect(typeof r.ok).toBe('boolean');
    }
    const inspect = section('crictl-inspect-2017-2018-excerpts.txt', 1).slice(1).join('\n');
    for (const cut of prefixes(inspect, 7)) expect(typeof parseCrictlInspect(cut).ok).toBe('boolean');
    const journal = dataLines('journalctl-o-json-lines-2023.txt')[2]!;
    for (const cut of prefixes(journal)) parseJournalJsonLine(cut);
  });
});
