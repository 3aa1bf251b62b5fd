/**
 * Reads a Chromium devtools timeline trace (Playwright `browser.startTracing`) and sums up the
 * renderer main thread: where the time goes per event type, the app's own script tasks, and the
 * longest tasks with what they contained. Wall time (`dur`) beside the thread's CPU time (`tdur`):
 * a task far longer than its CPU time waited for a CPU (the machine, not the page). Used by logs-frame-time.bench.ts `--profile` to tell
 * the Logs pane's work from a machine that is too busy to schedule the renderer.
 */
import fs from 'node:fs';

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { url?: string; functionName?: string } };
}

const q = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const line = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  return `n ${v.length}, total ${v.reduce((a, b) => a + b, 0).toFixed(0)} ms, p50 ${q(v, 0.5).toFixed(2)} / p95 ${q(v, 0.95).toFixed(2)} / max ${q(v, 1).toFixed(1)} ms`;
};

export function summarizeTrace(file: string): string[] {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const all = Array.isArray(raw) ? raw : (raw.traceEvents ?? []);
  const mains = new Set(
    all
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const events = all.filter((e) => e.ph === 'X' && e.dur && mains.has(`${e.pid}:${e.tid}`));
  const ms = (e: TraceEvent) => (e.dur ?? 0) / 1000;
  const cpu = (e: TraceEvent) => (e.tdur ?? 0) / 1000;
  const out: string[] = [];
  for (const name of [
    'RunTask',
    'FunctionCall',
    'UpdateLayoutTree',
    'Layout',
    'PrePaint',
    'Paint',
    'Layerize',
    'Commit',
  ]) {
    const of = events.filter((e) => e.name === name);
    out.push(
      `${name.padEnd(16)} wall ${line(of.map(ms))}; CPU p95 ${q(
        of.map(cpu).sort((a, b) => a - b),
        0.95,
      ).toFixed(2)} ms`,
    );
  }
  // The app's bundle (React renders and commits, the contract client), not the bench's own frame callback.
  const app = events.filter(
    (e) => e.name === 'FunctionCall' && /\/assets\/index-[^/]*\.js$/.test(e.args?.data?.url ?? ''),
  );
  out.push(`${'app script'.padEnd(16)} wall ${line(app.map(ms))}`);
  out.push(`${'app script'.padEnd(16)} CPU  ${line(app.map(cpu))}`);
  const longest = events
    .filter((e) => e.name === 'RunTask')
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
    .slice(0, 5);
  for (const task of longest) {
    const inside = new Map<string, number>();
    for (const e of events) {
      if (
        e === task ||
        e.name === 'RunTask' ||
        e.ts < task.ts ||
        e.ts + (e.dur ?? 0) > task.ts + (task.dur ?? 0)
      )
        continue;
      inside.set(e.name, (inside.get(e.name) ?? 0) + ms(e));
    }
    const top = [...inside]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([n, d]) => `${n} ${d.toFixed(1)}`)
      .join(', ');
    out.push(
      `long task ${ms(task).toFixed(1)} ms wall, ${cpu(task).toFixed(1)} ms CPU: ${top || 'no traced work inside'}`,
    );
  }
  return out;
}
