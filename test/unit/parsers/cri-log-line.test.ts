/** CRI container log lines (docs/kubelet.md §3.1). */
import { describe, expect, it } from 'vitest';
import { CriLogAssembler, parseCriLog, parseCriLogLine } from '../../../src-main/node/cri/cri-log-line';

describe('parseCriLogLine', () => {
  it('reads the real line from docs/kubelet.md §3.1', () => {
    expect(
      parseCriLogLine('2025-08-23T08:51:03.639438796Z stderr F Error: unknown flag: --this-is-very-wrong'),
    ).toEqual({
      time: '2025-08-23T08:51:03.639438796Z',
      stream: 'stderr',
      partial: false,
      message: 'Error: unknown flag: --this-is-very-wrong',
    });
  });

  it('keeps spaces in the message, accepts empty messages and offsets', () => {
    expect(parseCriLogLine('2025-08-23T08:51:03+02:00 stdout F   indented  ')?.message).toBe('  indented  ');
    expect(parseCriLogLine('2025-08-23T08:51:03.1Z stdout F')).toMatchObject({ message: '', partial: false });
  });

  it('rejects other formats', () => {
    expect(parseCriLogLine('I0913 03:00:01.934968    2352 kubelet.go:1] "x"')).toBeNull();
    expect(parseCriLogLine('2025-08-23T08:51:03.639438796Z stdin F x')).toBeNull();
    expect(parseCriLogLine('2025-08-23T08:51:03.639438796Z stdout X x')).toBeNull();
  });
});

describe('joining partial lines', () => {
  it('joins P fragments per stream, keeping the first time', () => {
    const text = [
      '2025-08-23T08:51:03.000000001Z stdout P part one, ',
      '2025-08-23T08:51:03.000000002Z stderr F an error',
      '2025-08-23T08:51:03.000000003Z stdout P part two, ',
      '2025-08-23T08:51:03.000000004Z stdout F end',
      '',
    ].join('\n');
    expect(parseCriLog(text)).toEqual([
      { time: '2025-08-23T08:51:03.000000002Z', stream: 'stderr', partial: false, message: 'an error' },
      {
        time: '2025-08-23T08:51:03.000000001Z',
        stream: 'stdout',
        partial: false,
        message: 'part one, part two, end',
      },
    ]);
  });

  it('flushes an unfinished line as partial', () => {
    const a = new CriLogAssembler();
    expect(a.push(parseCriLogLine('2025-08-23T08:51:03Z stdout P cut')!)).toBeNull();
    expect(a.flush()).toEqual([
      { time: '2025-08-23T08:51:03Z', stream: 'stdout', partial: true, message: 'cut' },
    ]);
  });
});
