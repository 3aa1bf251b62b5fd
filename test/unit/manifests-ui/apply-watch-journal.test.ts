import { describe, expect, it } from 'vitest';
import {
  applyWatchJournalCommand,
  matchPodLines,
  parseJournalOutput,
  rejectionText,
} from '../../../src-main/inspect/apply-watch-journal';

// The kubelet's lines about the watched pod, from `journalctl -o json` (docs/kubelet.md §5.2, §5.4).
const PATH = '/etc/kubernetes/manifests/kube-apiserver.yaml';
const entry = (message: string, cursor: string) =>
  JSON.stringify({
    __CURSOR: cursor,
    __REALTIME_TIMESTAMP: '1732000000000000',
    MESSAGE: message,
    PRIORITY: '6',
    _SYSTEMD_UNIT: 'kubelet.service',
  });

const lines = [
  entry(
    'I1121 05:34:12.655001   21379 kubelet.go:1908] "Trying to delete pod" pod="kube-system/kube-apiserver-controlplane" podUID="e72cfa5e-e072-48a1-b3ef-a513b9eed19d"',
    's=1',
  ),
  entry(
    'I1121 05:34:12.700000   21379 kubelet.go:2407] "SyncLoop ADD" source="file" pods=["kube-system/kube-apiserver-controlplane"]',
    's=2',
  ),
  entry(
    'E1121 05:34:13.000000   21379 pod_workers.go:1301] "Error syncing pod, skipping" err="x" pod="kube-system/etcd-controlplane" podUID="cbec3f5a1f15e8b262b3369744000ba3"',
    's=3',
  ),
  entry(
    `E0225 14:16:02.967711   26952 file.go:187] "Could not process manifest file" err="${PATH}: couldn't parse as pod(yaml: line 67: found character that cannot start any token), please check config file" path="${PATH}"`,
    's=4',
  ),
  entry(
    'I1121 05:34:14.000000   21379 kubelet.go:1000] "Something" podUID="bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"',
    's=5',
  ),
  '-- No entries --',
].join('\n');

describe('apply-watch journal', () => {
  it('reads journalctl -o json and keeps the last cursor', () => {
    const batch = parseJournalOutput(lines);
    expect(batch.records).toHaveLength(5);
    expect(batch.cursor).toBe('s=5');
  });

  it('keeps the lines naming the pod, one of its UIDs, or the manifest path; flags the rejection', () => {
    const { records } = parseJournalOutput(lines);
    const matched = matchPodLines(records, {
      podRef: 'kube-system/kube-apiserver-controlplane',
      uids: new Set(['b'.repeat(32)]),
      manifestPath: PATH,
    });
    expect(matched.map((m) => m.line.message)).toEqual([
      'Trying to delete pod',
      'SyncLoop ADD',
      'Could not process manifest file',
      'Something',
    ]);
    const rejection = matched.find((m) => m.rejection);
    expect(rejection && rejectionText(rejection)).toBe(
      `${PATH}: couldn't parse as pod(yaml: line 67: found character that cannot start any token), please check config file`,
    );
    expect(matched.filter((m) => m.rejection)).toHaveLength(1);
  });

  it('builds argv (never a command string): --after-cursor once a cursor is known, else a relative --since', () => {
    expect(applyWatchJournalCommand('unit', { sinceSeconds: 2.2 }).argv).toEqual([
      'journalctl',
      '-u',
      'kubelet',
      '-o',
      'json',
      '--no-pager',
      '--all',
      '--since=-3s',
    ]);
    expect(applyWatchJournalCommand('identifier', { afterCursor: 's=1;i=2' }).argv).toEqual([
      'journalctl',
      '-t',
      'kubelet',
      '-o',
      'json',
      '--no-pager',
      '--all',
      '--after-cursor=s=1;i=2',
    ]);
  });
});
