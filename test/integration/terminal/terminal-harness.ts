/**
 * A StreamSink for terminal tests that behaves like the dispatcher's (a window of events the
 * client has not acknowledged, resume listeners) and like a client that may fall behind:
 * acknowledgements can be held back and released later.
 */
import fs from 'node:fs';
import { STREAM_WINDOW } from '../../../src-main/contract';
import type { TerminalEvent } from '../../../src-main/contract/ops/terminal';
import type { StreamSink } from '../../../src-main/contract/stream-sink';

export interface TerminalHarness {
  sink: StreamSink<TerminalEvent>;
  /** Everything the shell printed so far. */
  output(): string;
  sessionId(): string | null;
  exit(): Extract<TerminalEvent, { type: 'exit' }> | null;
  ended(): { error?: unknown } | null;
  /** Acknowledge every event received so far (as the client does). */
  acknowledgeAll(): void;
  /** Most events ever in flight at once; the producer must never push past the window. */
  readonly maxInFlight: number;
  /** How often the sink told the producer to wait, and how often it said go on. */
  readonly pausedReads: number;
  readonly resumes: number;
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
}

export function terminalHarness(window = STREAM_WINDOW): TerminalHarness {
  let text = '';
  let session: string | null = null;
  let exit: Extract<TerminalEvent, { type: 'exit' }> | null = null;
  let ended: { error?: unknown } | null = null;
  let inFlight = 0;
  let maxInFlight = 0;
  let pausedReads = 0;
  let resumes = 0;
  const resumeListeners: Array<() => void> = [];
  const sink: StreamSink<TerminalEvent> = {
    push(event) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      if (event.type === 'ready') session = event.sessionId;
      else if (event.type === 'output') text += event.data;
      else exit = event;
    },
    get paused() {
      const paused = inFlight >= window;
      if (paused) pausedReads += 1;
      return paused;
    },
    onResume(listener) {
      resumeListeners.push(listener);
    },
    end(error) {
      ended = { error };
    },
  };
  return {
    sink,
    output: () => text,
    sessionId: () => session,
    exit: () => exit,
    ended: () => ended,
    acknowledgeAll() {
      const wasPaused = inFlight >= window;
      inFlight = 0;
      if (wasPaused) {
        resumes += 1;
        for (const listener of resumeListeners) listener();
      }
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get pausedReads() {
      return pausedReads;
    },
    get resumes() {
      return resumes;
    },
    async waitFor(predicate, what, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${what}; output so far:\n${text.slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

/** True while the process exists and is not a zombie. */
export function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
