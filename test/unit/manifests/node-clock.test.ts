/**
 * The save reports the node's clock right before its rename (save-manifest.sh `renamed_after`),
 * so the apply watch never takes a kubelet line about the file's previous content as the verdict.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nodeClockMs } from '../../../src-main/node/manifests/manifest-store';

describe('the node clock of a save', () => {
  it('reads GNU date +%s.%N as milliseconds', () => {
    expect(nodeClockMs('1764770000.123456789\n')).toBe(1_764_770_000_123);
  });

  it('is unknown when the node has no %N (busybox prints it back) or nothing at all', () => {
    for (const text of ['1764770000.%N', '1764770000.N', '1764770000', '', 'date: bad format'])
      expect(nodeClockMs(text)).toBeNull();
  });

  it("agrees with this machine's date within a second", () => {
    const ms = nodeClockMs(execFileSync('date', ['+%s.%N']).toString());
    expect(ms).not.toBeNull();
    expect(Math.abs((ms ?? 0) - Date.now())).toBeLessThan(1000);
  });
});
