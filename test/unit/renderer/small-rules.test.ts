import { describe, expect, it } from 'vitest';
import { isControlPlanePod } from '../../../src-renderer/features/manifests/control-plane';
import { parseLogTime, regexProblem } from '../../../src-renderer/features/logs/log-time';
import { listMove } from '../../../src-renderer/features/nodes/list-move';
import { nodeColour, nodeHue } from '../../../src-renderer/features/nodes/node-colour';

describe('list keyboard moves (listbox and grid)', () => {
  it('moves by one, by a page, to the ends, and starts from the ends when nothing is selected', () => {
    expect(listMove('ArrowDown', 2, 10, 4)).toBe(3);
    expect(listMove('ArrowDown', 9, 10, 4)).toBe(9);
    expect(listMove('ArrowUp', 0, 10, 4)).toBe(0);
    expect(listMove('ArrowDown', -1, 10, 4)).toBe(0);
    expect(listMove('ArrowUp', -1, 10, 4)).toBe(9);
    expect(listMove('PageDown', 2, 10, 4)).toBe(6);
    expect(listMove('PageUp', 2, 10, 4)).toBe(0);
    expect(listMove('Home', 5, 10, 4)).toBe(0);
    expect(listMove('End', 5, 10, 4)).toBe(9);
    expect(listMove('a', 5, 10, 4)).toBeNull();
    expect(listMove('ArrowDown', -1, 0, 4)).toBeNull();
  });
});

describe('log time fields', () => {
  const now = new Date(2024, 4, 1, 15, 0, 0).getTime();
  it('reads a time today, a date and time, and how long ago', () => {
    expect(parseLogTime('', now)).toEqual({ ok: true, ms: undefined });
    expect(parseLogTime('14:05', now)).toEqual({ ok: true, ms: new Date(2024, 4, 1, 14, 5, 0).getTime() });
    expect(parseLogTime('14:05:30', now)).toEqual({
      ok: true,
      ms: new Date(2024, 4, 1, 14, 5, 30).getTime(),
    });
    expect(parseLogTime('2024-04-30 23:59', now)).toEqual({
      ok: true,
      ms: new Date(2024, 3, 30, 23, 59).getTime(),
    });
    expect(parseLogTime('2024-04-30T08:00:01', now)).toEqual({
      ok: true,
      ms: new Date(2024, 3, 30, 8, 0, 1).getTime(),
    });
    expect(parseLogTime('15m', now)).toEqual({ ok: true, ms: now - 15 * 60_000 });
    expect(parseLogTime('-2h', now)).toEqual({ ok: true, ms: now - 2 * 3_600_000 });
    expect(parseLogTime('30s ago', now)).toEqual({ ok: true, ms: now - 30_000 });
  });
  it('says what is wrong with anything else', () => {
    for (const bad of ['25:00', '2024-02-30 10:00', 'yesterday', '14:5'])
      expect(parseLogTime(bad, now).ok).toBe(false);
  });
  it('a regex that does not compile is named, one that does is not', () => {
    expect(regexProblem('(')).toMatch(/Unterminated group/);
    expect(regexProblem('^E\\d{4}')).toBeNull();
    expect(regexProblem('')).toBeNull();
  });
});

describe('control-plane pods roll back on failure by default', () => {
  it('kubeadm’s four components, or the tier: control-plane label, in kube-system', () => {
    expect(isControlPlanePod({ metadataName: 'kube-apiserver', namespace: 'kube-system' }, '')).toBe(true);
    expect(
      isControlPlanePod(
        { metadataName: 'my-lb', namespace: 'kube-system' },
        'metadata:\n  labels:\n    tier: control-plane\n',
      ),
    ).toBe(true);
    expect(isControlPlanePod({ metadataName: 'kube-apiserver', namespace: 'default' }, '')).toBe(false);
    expect(isControlPlanePod({ metadataName: 'static-web', namespace: 'kube-system' }, '')).toBe(false);
    expect(isControlPlanePod(null, 'tier: control-plane')).toBe(false);
  });
});

describe('node colours', () => {
  it('are stable per id and spread over distinct hues', () => {
    expect(nodeColour('sandbox')).toBe(nodeColour('sandbox'));
    const hues = new Set(['sandbox', 'a', 'b', 'c', 'd', 'e', 'f', 'g'].map(nodeHue));
    expect(hues.size).toBeGreaterThanOrEqual(4);
  });
});
