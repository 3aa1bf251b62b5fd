/**
 * klog syntax cases with no real sample in the fixtures, built from docs/kubelet.md §5.3
 * (value types, escapes, multi-line values) and §5.1/§5.2 (transport prefixes).
 */
import { describe, expect, it } from 'vitest';
import { parseKlogLine } from '../../../src-main/node/journal/klog-line';

const H = 'I1011 01:18:20.046733   20023 kubelet.go:1913] ';

describe('value types', () => {
  it('types numbers, bools, quoted and bare strings, lists', () => {
    const r = parseKlogLine(
      H +
        '"m" n=42 neg=-1.5e3 ok=true no=false s="x" bare=abc pods=[ns/a ns/b] q=["a b" "c\\"d"] empty=[] id=12345678901234567890',
    );
    expect(r.keyValues).toEqual([
      { key: 'n', type: 'number', value: 42 },
      { key: 'neg', type: 'number', value: -1500 },
      { key: 'ok', type: 'bool', value: true },
      { key: 'no', type: 'bool', value: false },
      { key: 's', type: 'string', value: 'x', quoted: true },
      { key: 'bare', type: 'string', value: 'abc', quoted: false },
      { key: 'pods', type: 'list', value: ['ns/a', 'ns/b'] },
      { key: 'q', type: 'list', value: ['a b', 'c"d'] },
      { key: 'empty', type: 'list', value: [] },
      // 20 digits would lose precision as a double: kept as text
      { key: 'id', type: 'string', value: '12345678901234567890', quoted: false },
    ]);
    expect(r.pods).toEqual(['ns/a', 'ns/b']);
  });

  it('unquotes Go escapes: \\" \\\\ \\n \\t \\u \\U \\x and octal', () => {
    const r = parseKlogLine(H + '"say \\"hi\\"\\n\\tthere" v="a\\\\b \\u00e9 \\U0001F600 \\x41 \\101"');
    expect(r.message).toBe('say "hi"\n\tthere');
    expect(r.keyValues[0]).toEqual({ key: 'v', type: 'string', value: 'a\\b é 😀 A A', quoted: true });
  });

  it('reads a multi-line value `key=<` … ` >` and continues after it', () => {
    const text = H + '"Pod status" pod="ns/p" status=<\n\tline one\n\t  indented\n > next=1';
    const r = parseKlogLine(text);
    expect(r.keyValues).toEqual([
      { key: 'pod', type: 'string', value: 'ns/p', quoted: true },
      { key: 'status', type: 'multiline', value: 'line one\n  indented' },
      { key: 'next', type: 'number', value: 1 },
    ]);
    expect(r.truncated).toBe(false);
  });

  it('keeps a %v struct and a bare time with spaces together', () => {
    const r = parseKlogLine(H + '"m" obj={Name:x Labels:map[a:b]} at=2024-09-13 03:00:01 +0000 UTC k=v');
    expect(r.keyValues.map((kv) => [kv.key, kv.type === 'string' ? kv.value : null])).toEqual([
      ['obj', '{Name:x Labels:map[a:b]}'],
      ['at', '2024-09-13 03:00:01 +0000 UTC'],
      ['k', 'v'],
    ]);
  });

  it('keeps text that is not key=value under an empty key', () => {
    const r = parseKlogLine(H + '"m" a="1" "stray" words');
    expect(r.keyValues.at(-1)).toEqual({ key: '', type: 'string', value: '"stray" words', quoted: false });
  });

  it('marks values cut by systemctl (`>`) and a cut key', () => {
    const a = parseKlogLine(H + '"Trying to delete pod" pod="kube-system/kube-apiserver-controlp>');
    expect(a).toMatchObject({ truncated: true, pod: null });
    expect(a.keyValues[0]).toEqual({
      key: 'pod',
      type: 'string',
      value: 'kube-system/kube-apiserver-controlp',
      quoted: true,
      truncated: true,
    });
    const b = parseKlogLine(H + '"Observed pod startup duration" pod="kube-system/x" podStartSLOdura>');
    expect(b).toMatchObject({ truncated: true, pod: 'kube-system/x' });
    expect(b.keyValues).toHaveLength(1);
    const c = parseKlogLine(H + '"Observed pod startup dur>');
    expect(c).toMatchObject({
      truncated: true,
      message: 'Observed pod startup dur',
      format: 'klog-structured',
    });
  });

  it('treats a body that starts with a quote but is not structured as free text', () => {
    const r = parseKlogLine(H + '"quoted" followed by words');
    expect(r).toMatchObject({ format: 'klog-structured', message: 'quoted' });
    const t = parseKlogLine(H + '"quoted":colon text');
    expect(t).toMatchObject({ format: 'klog-text', message: '"quoted":colon text' });
  });

  it('reads W and F severities and a header with an empty body', () => {
    expect(parseKlogLine('W0101 00:00:00.000001       1 a.go:1] x').severity).toBe('W');
    expect(parseKlogLine('F0101 00:00:00.000001       1 a.go:1] x').severity).toBe('F');
    expect(parseKlogLine('E0101 00:00:00.000001       1 a.go:1]')).toMatchObject({
      severity: 'E',
      message: '',
      line: 1,
    });
  });
});

describe('transport prefixes (§5.1, §5.2)', () => {
  const klog =
    'E0823 11:21:56.530600    1504 kubelet.go:1921] "Failed creating a mirror pod for" err="x" pod="kube-system/etcd-controlplane"';
  it.each([
    [
      'journalctl -o short-iso',
      `2024-10-11T01:18:20+0000 controlplane kubelet[1504]: ${klog}`,
      {
        kind: 'iso',
        timestamp: '2024-10-11T01:18:20+0000',
        host: 'controlplane',
        identifier: 'kubelet',
        pid: 1504,
      },
    ],
    [
      'rsyslog',
      `2025-08-23T11:21:56.530696+00:00 controlplane kubelet[1504]: ${klog}`,
      {
        kind: 'iso',
        timestamp: '2025-08-23T11:21:56.530696+00:00',
        host: 'controlplane',
        identifier: 'kubelet',
        pid: 1504,
      },
    ],
    [
      'journalctl -o short-precise',
      `Aug 23 11:21:56.530696 controlplane kubelet[1504]: ${klog}`,
      {
        kind: 'journal-short',
        timestamp: 'Aug 23 11:21:56.530696',
        host: 'controlplane',
        identifier: 'kubelet',
        pid: 1504,
      },
    ],
    [
      'syslog with space-padded day',
      `Aug  3 11:21:56 controlplane kubelet[1504]: ${klog}`,
      {
        kind: 'journal-short',
        timestamp: 'Aug  3 11:21:56',
        host: 'controlplane',
        identifier: 'kubelet',
        pid: 1504,
      },
    ],
    [
      'identifier without pid',
      `Aug 23 11:21:56 controlplane kubelet: ${klog}`,
      {
        kind: 'journal-short',
        timestamp: 'Aug 23 11:21:56',
        host: 'controlplane',
        identifier: 'kubelet',
        pid: null,
      },
    ],
  ] as const)('%s', (_n, line, prefix) => {
    const r = parseKlogLine(line);
    expect(r.prefix).toEqual(prefix);
    expect(r).toMatchObject({
      severity: 'E',
      file: 'kubelet.go',
      line: 1921,
      pid: 1504,
      pod: 'kube-system/etcd-controlplane',
      err: 'x',
    });
  });

  it('keeps non-klog lines verbatim with severity unknown', () => {
    for (const line of ['-- No entries --', '', 'random text', 'Oct 11 garbage', '{not json']) {
      expect(parseKlogLine(line)).toMatchObject({ severity: 'unknown', format: 'unparsed', raw: line });
    }
  });

  it('reads an info JSON line (has v) with a list value', () => {
    const r = parseKlogLine(
      '{"ts":1644505520281.427,"caller":"kubelet/kubelet.go:2407","msg":"SyncLoop ADD","v":2,"source":"file","pods":["default/a-node"]}',
    );
    expect(r).toMatchObject({
      severity: 'I',
      format: 'json',
      file: 'kubelet/kubelet.go',
      line: 2407,
      pods: ['default/a-node'],
    });
  });
});
