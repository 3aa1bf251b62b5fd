import { describe, expect, it } from 'vitest';
import { LogStore } from '../../../src-main/logs/log-store';
import { LogView } from '../../../src-main/logs/log-view';
import { requiredLiteral } from '../../../src-main/logs/regex-literal';
import { sniffSeverity } from '../../../src-main/logs/severity-sniff';

// The regex filter first finds rows holding the text every match must contain; a wrong
// "required" literal would hide matching rows, so soundness is what is tested here.
describe('requiredLiteral', () => {
  it('takes the longest certain run', () => {
    expect(requiredLiteral('podStartE2EDuration="9\\d\\dms"')).toBe('podStartE2EDuration="9');
    expect(requiredLiteral('kubelet\\.go:(2337|1635)\\]')).toBe('kubelet.go:');
    expect(requiredLiteral('^E\\d{4} .*Could not process')).toBe('Could not process');
    expect(requiredLiteral('Sync+Loop')).toBe('Sync'); // "Sync" and "Loop" both required; the first kept
    expect(requiredLiteral('(?:Sync)?Loop')).toBe('Loop');
  });

  it('reads the text of groups every match passes through, lookbehinds and lookaheads included', () => {
    expect(requiredLiteral('(?<=pods=\\[")kube')).toBe('pods=["');
    expect(requiredLiteral('^[EW]\\d{4}(?= .*Failed)')).toBe('Failed');
    expect(requiredLiteral('^[EW]\\d{4}(?= .*Failed creating)')).toBe('Failed creating');
    expect(requiredLiteral('(?<name>mirror pod)s?')).toBe('mirror pod');
    expect(requiredLiteral('x(Sync|Loop)y')).toBeNull(); // an alternation inside gives nothing
    expect(requiredLiteral('a(?<!mirror)b')).toBeNull(); // negative lookarounds say what is absent
    expect(requiredLiteral('a(?!mirror)b')).toBeNull();
    expect(requiredLiteral('(mirror)?pod')).toBe('pod'); // an optional group's text is not taken
    expect(requiredLiteral('(mirror)*pod')).toBe('pod');
    expect(requiredLiteral('(mirror){0,2}pod')).toBe('pod');
    expect(requiredLiteral('(mirror)+pod')).toBe('mirror');
  });

  it('gives none when a match may lack it', () => {
    expect(requiredLiteral('etcd|apiserver')).toBeNull();
    expect(requiredLiteral('abcd?')).toBe('abc'); // the d may be absent
    expect(requiredLiteral('ab\\u0063def')).toBe(null); // stops at an escape it does not read
    expect(requiredLiteral('x{2}yyyy')).toBeNull();
    expect(requiredLiteral('[abc]+')).toBeNull();
  });
});

describe('regex filter with a literal pre-filter', () => {
  const lines = [
    'I1011 01:18:20.046733   20023 kubelet.go:2337] "SyncLoop ADD" pods=["kube-system/etcd-controlplane"]',
    'I1011 01:18:20.046733   20023 pod_startup_latency_tracker.go:104] "Observed" podStartE2EDuration="912ms"',
    'I1011 01:18:20.046733   20023 pod_startup_latency_tracker.go:104] "Observed" podStartE2EDuration="91ms"',
    'I1011 01:18:20.046733   20023 pod_startup_latency_tracker.go:104] "Observed" podStartE2EDuration="9',
    '12ms" on the next row: a match across rows is not a match',
    'I1011 01:18:20.046733   20023 pod_startup_latency_tracker.go:104] "Ünï" podStartE2EDuration="987ms"',
  ];
  it('finds exactly the rows the regex matches one by one', () => {
    const store = new LogStore(100);
    lines.forEach((l, i) => store.append(l, i, sniffSeverity(l)));
    for (const regex of [
      'podStartE2EDuration="9\\d\\dms"',
      'Ünï. podStart',
      '^I\\d+ .*SyncLoop',
      'ms"$',
      '(?<=pods=\\[")kube',
      '(?<=Duration=")9(?=\\d\\dms)',
      '(?:Sync)+Loop ADD',
    ]) {
      const view = new LogView(store, { regex });
      const got = Array.from({ length: view.length }, (_, i) => view.seqAt(i));
      const re = new RegExp(regex);
      expect(got, regex).toEqual(lines.flatMap((l, i) => (re.test(l) ? [i] : [])));
    }
  });
});
