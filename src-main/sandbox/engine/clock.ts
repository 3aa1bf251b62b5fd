/**
 * Time source of the engine. Every delay (pod start, grace period, back-off, the 20 s re-list,
 * mirror re-creation) goes through a SimClock, so tests drive hours of kubelet behaviour in
 * milliseconds with a ManualClock, while the daemon uses the real one.
 */
export interface SimTimer {
  readonly id: number;
}

export interface SimClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Nanoseconds since the epoch as a decimal string (CRI/protojson times, docs/kubelet.md §3.3). */
  nowNs(): string;
  setTimer(fn: () => void, ms: number): SimTimer;
  clearTimer(timer: SimTimer | undefined): void;
}

/** Wall clock with sub-millisecond precision taken from the high-resolution timer. */
export function realClock(): SimClock {
  const startHr = process.hrtime.bigint();
  const startMs = BigInt(Date.now());
  const handles = new Map<number, NodeJS.Timeout>();
  let next = 1;
  return {
    now: () => Date.now(),
    nowNs: () => (startMs * 1_000_000n + (process.hrtime.bigint() - startHr)).toString(),
    setTimer(fn, ms) {
      const id = next++;
      const handle = setTimeout(
        () => {
          handles.delete(id);
          fn();
        },
        Math.max(0, ms),
      );
      handle.unref?.();
      handles.set(id, handle);
      return { id };
    },
    clearTimer(timer) {
      if (!timer) return;
      const handle = handles.get(timer.id);
      if (handle) clearTimeout(handle);
      handles.delete(timer.id);
    },
  };
}

interface PendingTimer {
  id: number;
  due: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to. `advance` fires due timers in order, each at its own
 * due time, so a timer scheduled by another timer inside the window fires too.
 */
export class ManualClock implements SimClock {
  private current: number;
  private subMs = 0;
  private timers: PendingTimer[] = [];
  private nextId = 1;

  constructor(startMs = Date.UTC(2025, 7, 23, 8, 51, 0)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  nowNs(): string {
    // Distinct, increasing ns values even when the ms value does not move.
    this.subMs = (this.subMs + 1) % 1_000_000;
    return (BigInt(this.current) * 1_000_000n + BigInt(this.subMs)).toString();
  }

  setTimer(fn: () => void, ms: number): SimTimer {
    const id = this.nextId++;
    this.timers.push({ id, due: this.current + Math.max(0, ms), fn });
    return { id };
  }

  clearTimer(timer: SimTimer | undefined): void {
    if (!timer) return;
    this.timers = this.timers.filter((t) => t.id !== timer.id);
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      this.current = Math.max(this.current, due.due);
      due.fn();
    }
    this.current = target;
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}

/** The pending timers of one owner (a pod worker, the restored runtime), cancelled together. */
export class TimerSet {
  private timers: SimTimer[] = [];

  constructor(private readonly clock: SimClock) {}

  later(ms: number, fn: () => void): void {
    const timer = this.clock.setTimer(() => {
      this.timers = this.timers.filter((t) => t !== timer);
      fn();
    }, ms);
    this.timers.push(timer);
  }

  cancelAll(): void {
    for (const t of this.timers) this.clock.clearTimer(t);
    this.timers = [];
  }
}
