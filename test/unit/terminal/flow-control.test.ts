import { describe, expect, it } from 'vitest';
import { OutputFlow } from '../../../src-main/terminal/flow-control';

describe('OutputFlow', () => {
  it('pauses when the stream window is full and resumes when it has room', () => {
    const flow = new OutputFlow({ ackOutput: false });
    expect(flow.update(false)).toBe('none');
    expect(flow.update(true)).toBe('pause');
    expect(flow.update(true)).toBe('none');
    expect(flow.update(false)).toBe('resume');
    expect(flow.pauseCount).toBe(1);
  });

  it('without ackOutput, unacknowledged characters do not count', () => {
    const flow = new OutputFlow({ ackOutput: false, high: 10, low: 5 });
    flow.sent(1000);
    expect(flow.full).toBe(false);
    expect(flow.update(false)).toBe('none');
  });

  it('with ackOutput, pauses at the high watermark and resumes only below the low one', () => {
    const flow = new OutputFlow({ ackOutput: true, high: 100, low: 20 });
    flow.sent(60);
    expect(flow.update(false)).toBe('none');
    flow.sent(40);
    expect(flow.full).toBe(true);
    expect(flow.update(false)).toBe('pause');
    flow.acknowledged(50); // 50 left: between the marks, still paused (no flapping)
    expect(flow.update(false)).toBe('none');
    expect(flow.paused).toBe(true);
    flow.acknowledged(30); // 20 left: at the low mark
    expect(flow.update(false)).toBe('resume');
    expect(flow.pending).toBe(20);
  });

  it('stays paused while either limit holds', () => {
    const flow = new OutputFlow({ ackOutput: true, high: 100, low: 20 });
    flow.sent(100);
    expect(flow.update(false)).toBe('pause');
    flow.acknowledged(100);
    expect(flow.update(true)).toBe('none'); // acknowledged, but the window is full
    expect(flow.update(false)).toBe('resume');
  });

  it('never counts below zero (a late or duplicate acknowledgement)', () => {
    const flow = new OutputFlow({ ackOutput: true, high: 100, low: 20 });
    flow.sent(10);
    flow.acknowledged(50);
    expect(flow.pending).toBe(0);
  });
});
