import { describe, expect, it } from 'vitest';
import { checkManifest } from '../../../src-main/inspect/manifest-rules';
import { parseFollowedEntry } from '../../../src-main/node/journal/followed-entry';
import { decodeManifest } from '../../../src-main/kubelet/manifest-decode';
import { readReal } from './fixtures';

// One hostile item affects only itself: a journal entry nested past any journald output, a YAML
// alias bomb among the manifests.

const bomb = (() => {
  const out = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: bomb', 'l0: &l0 ["lol"]'];
  for (let i = 1; i <= 9; i++)
    out.push(
      `l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return `${out.join('\n')}\n`;
})();

describe('a hostile item is marked, the rest read', () => {
  it('nested journal JSON: that entry is a marked row with its cursor, the next ones parse', () => {
    const deep = `{"__CURSOR":"s=deep","__REALTIME_TIMESTAMP":"1700000000000000","MESSAGE":${'['.repeat(100_000)}"x"${']'.repeat(100_000)}}`;
    const good =
      '{"__CURSOR":"s=next","__REALTIME_TIMESTAMP":"1700000001000000","MESSAGE":"I1203 kubelet.go:1] ok"}';
    const entries = [deep, good].map(parseFollowedEntry);
    expect(entries[0]).toMatchObject({ cursor: 's=deep', timeMs: 1_700_000_000_000 });
    expect(entries[0]?.message).toMatch(/nests JSON deeper than 200 levels/);
    expect(entries[1]).toMatchObject({ cursor: 's=next', message: 'I1203 kubelet.go:1] ok' });
  });

  it('an alias bomb: a problem of that file for the rule check and the simulated kubelet, others decode', () => {
    expect(checkManifest(bomb).problems[0]?.message).toMatch(/alias/i);
    const decoded = decodeManifest(bomb, '/etc/kubernetes/manifests/bomb.yaml');
    expect(decoded.ok).toBe(false);
    expect(JSON.stringify(decoded)).toContain('excessive aliasing');
    const etcd = readReal('kubeadm-v1.32.2-etcd.yaml');
    expect(decodeManifest(etcd, '/etc/kubernetes/manifests/etcd.yaml').ok).toBe(true);
    expect(checkManifest(etcd, 'controlplane').pod).not.toBeNull();
  });
});
