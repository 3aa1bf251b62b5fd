/**
 * A `--v=2` kubelet's steady lines: before v1.31 every GetPods() logged "Pod status updated" at
 * V(2) for each static pod (kubelet_getters.go; kubernetes#98422, #125834 moved it to V(4)) —
 * the eviction manager every 10 s, the filesystem analyzer every minute — and every status the
 * kubelet writes comes back from the API watch as a V(2) "SyncLoop UPDATE" source="api".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './helpers';

let h: Harness | undefined;
afterEach(() => h?.cleanup());

const statusLines = (messages: string[]) => messages.filter((m) => m.includes('"Pod status updated"'));

describe('v=2 chatter', () => {
  it('a 1.30 kubelet logs each running static pod every 10 s, once more each minute', async () => {
    h = await harness({ verbosity: 2, kubeletMinor: 30 });
    await h.until(() => h!.kubelet.state().sandboxes.length === 4);
    await h.until(() => statusLines(h!.messages()).length > 0, 11_000);
    const first = statusLines(h.messages()).length;
    expect(first).toBe(4);
    await h.run(60_000, 500);
    h.kubelet.state(); // what the daemon publishes: the status manager's writes happen then
    const lines = statusLines(h.messages());
    // Six more 10-s rounds within the minute, one of them doubled by the analyzer.
    expect(lines.length).toBe(first + 4 * 7);
    expect(lines.at(-1)).toMatch(
      /kubelet_getters\.go:187\] "Pod status updated" pod="kube-system\/[a-z-]+-controlplane" status="Running"$/,
    );
    expect(
      h
        .messages()
        .some((m) => /"SyncLoop UPDATE" source="api" pods=\["kube-system\/etcd-controlplane"\]/.test(m)),
    ).toBe(true);
  });

  it('a 1.31+ kubelet, or v<2, does not', async () => {
    h = await harness({ verbosity: 2, kubeletMinor: 31 });
    await h.run(30_000, 500);
    expect(statusLines(h.messages())).toEqual([]);
    h.cleanup();
    h = await harness({ verbosity: 1, kubeletMinor: 30 });
    await h.run(30_000, 500);
    expect(statusLines(h.messages())).toEqual([]);
    expect(h.messages().some((m) => m.includes('SyncLoop UPDATE'))).toBe(false);
  });
});
