import { describe, expect, it } from 'vitest';
import { mapWithLimit } from '../../../src-main/hosts/cli/connect-targets';

describe('mapWithLimit', () => {
  it('never runs more than the limit at once, and keeps the input order', async () => {
    let running = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const work = mapWithLimit([...'abcdefgh'], 3, async (item) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      return item.toUpperCase();
    });
    // Release the waiting items one by one, most recent first, until all have run.
    for (let released = 0; released < 8; released++) {
      await new Promise((resolve) => setImmediate(resolve));
      expect(running).toBeLessThanOrEqual(3);
      gates.pop()?.();
    }
    expect(await work).toEqual([...'ABCDEFGH']);
    expect(peak).toBe(3);
  });

  it('a limit larger than the list, or below one, still runs every item', async () => {
    expect(await mapWithLimit([1, 2], 50, async (n) => n * 2)).toEqual([2, 4]);
    expect(await mapWithLimit([1, 2], 0, async (n) => n * 2)).toEqual([2, 4]);
    expect(await mapWithLimit([], 4, async (n: number) => n)).toEqual([]);
  });
});
