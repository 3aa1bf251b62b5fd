import { describe, expect, it } from 'vitest';
import { fakeJournalNode } from './fake-journal-node';
import { rowsOf } from '../../../src-main/logs/log-rows';
import { LogSession } from '../../../src-main/logs/log-session';

// journald stores each line of a multi-line kubelet message as its own entry (docs/kubelet.md
// §5.1); a klog multi-line value is `key=<`, tab-indented lines, ` >` (§5.3). The store must
// hold the record as one row, with the value whole, at the time of its first line.
const MESSAGES = [
  'I1011 01:18:20.046733   20023 kubelet.go:2337] "SyncLoop ADD" source="file" pods=["kube-system/etcd-controlplane"]',
  'I1011 01:18:20.100000   20023 config.go:100] "Loaded config" config=<',
  '\tapiVersion: v1',
  '\tkind: Pod',
  ' >',
  'E1011 01:18:21.046733   20023 file.go:187] "Could not process manifest file" path="/etc/kubernetes/manifests/broken.yaml"',
  // systemd's own line about the unit (`-u kubelet` returns it too, §5.1): not a continuation.
  'Stopping kubelet.service - kubelet: The Kubernetes Node Agent...',
];
const writer = (i: number) =>
  i === MESSAGES.length - 1
    ? { SYSLOG_IDENTIFIER: 'systemd', _PID: '1' }
    : { SYSLOG_IDENTIFIER: 'kubelet', _PID: '20023' };

const fakeNode = () => fakeJournalNode(MESSAGES, writer);

describe('multi-line klog values in the store', () => {
  it('joins `key=<` … ` >` into one row with the whole value', async () => {
    const log = new LogSession('multi', fakeNode, 100, { history: 100, follow: false, retryMs: 1 });
    await log.done;
    expect(log.store.size).toBe(4);
    expect(log.status().received).toBe(7);
    const view = log.views.get(undefined);
    const rows = rowsOf(log.store, view, 0, 10);
    expect(rows.map((r) => r.severity).slice(0, 3)).toEqual(['I', 'I', 'E']);
    expect(rows[1].message).toBe('Loaded config');
    expect(rows[1].keyValues.find((kv) => kv.key === 'config')?.value).toContain('apiVersion: v1\nkind: Pod');
    expect(rows[1].timeMs).toBe(2000);
    expect(rows[2].message).toBe('Could not process manifest file');
    expect(rows[2].raw).not.toContain('Stopping');
    expect(rows[3].raw).toBe('Stopping kubelet.service - kubelet: The Kubernetes Node Agent...');
  });
});
