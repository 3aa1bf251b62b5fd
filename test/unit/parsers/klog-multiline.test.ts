/** Joining journald's one-entry-per-line split (docs/kubelet.md §5.1). */
import { describe, expect, it } from 'vitest';
import { KlogMultiLineJoiner, joinKlogLines } from '../../../src-main/node/journal/klog-multiline';
import { parseKlogLine } from '../../../src-main/node/journal/klog-line';
import { dataLines } from './fixtures';

describe('klogMultiLineJoiner', () => {
  it('joins a `key=<` block split into journal entries with the same prefix', () => {
    const p = 'Oct 11 01:18:20 controlplane kubelet[20023]: ';
    const joined = joinKlogLines([
      p + 'I1011 01:18:20.046733   20023 kubelet.go:1] "Pod status" pod="ns/p" status=<',
      p + '\tline one',
      p + '\tline two',
      p + ' >',
      p + 'I1011 01:18:20.046734   20023 kubelet.go:2] "next"',
    ]);
    expect(joined).toHaveLength(2);
    const r = parseKlogLine(joined[0]!);
    expect(r.keyValues[1]).toEqual({ key: 'status', type: 'multiline', value: 'line one\nline two' });
    expect(r.pod).toBe('ns/p');
    expect(parseKlogLine(joined[1]!).message).toBe('next');
  });

  it('joins the real wrapped line of kubernetes PR #59311 into one E record', () => {
    const lines = dataLines('kubelet-journal-static-pods.txt');
    const start = lines.findIndex((l) => l.includes('E0203 09:50:35.931999'));
    const joined = joinKlogLines(lines.slice(start, start + 5));
    expect(joined).toHaveLength(1);
    const r = parseKlogLine(joined[0]!);
    expect(r).toMatchObject({ severity: 'E', file: 'file.go', line: 149, format: 'klog-text' });
    expect(r.message).toBe(
      '\nCan\'t process manifest file "/etc/kubernetes/manifests/cluster-autoscaler.manifest": \n' +
        "/etc/kubernetes/manifests/cluster-autoscaler.manifest: couldn't parse as pod(couldn't get \n" +
        "version/kind; json parse error: invalid character '#' looking for beginning of object key string),\n" +
        'please check manifest file.',
    );
  });

  it('does not join lines of another process, and leaves non-klog lines alone', () => {
    const j = new KlogMultiLineJoiner();
    expect(j.push('Oct 11 01:18:20 h kubelet[1]: I1011 01:18:20.046733       1 a.go:1] "a"')).toEqual([]);
    // different pid: a new, separate (unparsed) record
    expect(j.push('Oct 11 01:18:20 h containerd[2]: some text')).toEqual([
      'Oct 11 01:18:20 h kubelet[1]: I1011 01:18:20.046733       1 a.go:1] "a"',
    ]);
    // a bare line after a non-klog record is not absorbed
    expect(j.push('more')).toEqual(['Oct 11 01:18:20 h containerd[2]: some text']);
    expect(j.flush()).toEqual(['more']);
    expect(j.flush()).toEqual([]);
  });

  it('attaches a stack trace to the F record that precedes it (bare MESSAGE values)', () => {
    const joined = joinKlogLines([
      'F0101 00:00:00.000001    1234 server.go:1] "failed to run Kubelet" err="boom"',
      'goroutine 1 [running]:',
      'main.main()',
      'I0101 00:00:01.000001    1234 server.go:2] "next"',
    ]);
    expect(joined).toEqual([
      'F0101 00:00:00.000001    1234 server.go:1] "failed to run Kubelet" err="boom"\ngoroutine 1 [running]:\nmain.main()',
      'I0101 00:00:01.000001    1234 server.go:2] "next"',
    ]);
    expect(parseKlogLine(joined[0]!)).toMatchObject({ severity: 'F', err: 'boom' });
  });
});
