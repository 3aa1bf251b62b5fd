/**
 * Renderer frame time while the Logs pane follows 5,000 kubelet lines/s (issue 7; target: p95
 * frame time under 16 ms). Browser mode in Debian's Chromium (Playwright, headless, 1600×1000),
 * the built-in Sandbox node; its kubelet journal receives 500 lines every 100 ms through the sim
 * rpc journal.emit for ~10 s while the page records every frame.
 *
 * Three windows a run, each with a fresh server and browser:
 * - `unthrottled`: `--disable-gpu-vsync --disable-frame-rate-limit`, so a frame starts as soon as
 *   the previous one is done; a 1 px element changed in every frame keeps frames coming when
 *   nothing else changes (without damage Chromium idles at ~60 Hz even unthrottled). The
 *   interval between two frames is then the real frame time (main-thread work + compositing),
 *   with no vsync floor.
 * - `unthrottled idle`: the same with no lines sent: the control, what this machine's load alone
 *   does to the frame intervals.
 * - `vsync`: the default 60 Hz; intervals sit on the 16.7 ms floor, late frames show as 33 ms.
 * Per frame the page also records the main-thread rendering work (from the frame callback to a
 * message posted in it, which runs once style, layout and paint are done), whether the Logs
 * pane's DOM changed since the previous frame (a MutationObserver), and the Long Animation
 * Frames API's entries (Chromium reports only frames over 50 ms there).
 *
 * Run after `node scripts/build.mjs`:  npm run bench -- logs-frame-time [--runs N] [--profile]
 * (`--profile`: a devtools timeline trace of the unthrottled window, summed up by frame-trace.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { callSimDaemon } from '../src-main/sandbox/daemon/client';
import { startServe } from '../test/support/serve-process';
import { summarizeTrace } from './frame-trace';

const RATE = 5_000;
const SECONDS = 10;
const TICK_MS = 100;
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const PROFILE = process.argv.includes('--profile');
// The e2e suite's flags (playwright.config.ts): software compositing, no network.
const BASE_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const UNTHROTTLED = ['--disable-gpu-vsync', '--disable-frame-rate-limit'];
const WINDOWS = [
  { name: 'unthrottled', args: UNTHROTTLED, rate: RATE },
  { name: 'unthrottled idle', args: UNTHROTTLED, rate: 0 },
  { name: 'vsync 60 Hz', args: [], rate: RATE },
] as const;
type Window = (typeof WINDOWS)[number];

interface LoafEntry {
  duration: number;
  render: number;
  scripts: { invoker: string; duration: number }[];
}
interface PageRecord {
  ticks: number[];
  work: number[];
  updated: boolean[];
  loaf: LoafEntry[];
  loafSupported: boolean;
}

// As a string: tsx would wrap a function's inner functions in a helper the page lacks.
const INSTRUMENT = `(() => {
  const s = window.__bench = { ticks: [], work: [], updated: [], loaf: [], stop: false,
    loafSupported: PerformanceObserver.supportedEntryTypes.includes('long-animation-frame') };
  let mutated = false;
  new MutationObserver(() => { mutated = true; })
    .observe(document.querySelector('#pane-logs'), { subtree: true, childList: true, characterData: true, attributes: true });
  if (s.loafSupported) new PerformanceObserver((list) => {
    for (const e of list.getEntries()) s.loaf.push({ duration: e.duration,
      render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
      scripts: e.scripts.map((x) => ({ invoker: x.invoker, duration: x.duration })) });
  }).observe({ type: 'long-animation-frame' });
  const damage = document.createElement('div');
  damage.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none';
  document.body.appendChild(damage);
  const channel = new MessageChannel();
  let frameStart = 0, n = 0;
  channel.port1.onmessage = () => s.work.push(performance.now() - frameStart);
  const tick = (now) => {
    s.ticks.push(now);
    s.updated.push(mutated);
    mutated = false;
    damage.style.background = (n++ & 1) ? '#fff' : '#fefefe';
    frameStart = performance.now();
    channel.port2.postMessage(0);
    if (!s.stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

function message(n: number): string {
  return n % 50 === 0
    ? `"Could not process manifest file" err="invalid pod" path="/etc/kubernetes/manifests/broken-${n % 7}.yaml"`
    : `"Observed pod startup duration" pod="kube-system/etcd-controlplane" podStartSLOduration=0.${n} podStartE2EDuration="${n % 1000}ms"`;
}

async function runWindow(window: Window) {
  const server = await startServe();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...BASE_ARGS, ...window.args],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(server.url);
    const logs = page.locator('#pane-logs');
    await logs.getByText('Following').waitFor({ timeout: 30_000 });
    // "N lines", or "shown of N lines" while the rows on screen lag the count: N, what the pane knows of.
    const known = async () =>
      Number(
        /([\d,]+) lines/
          .exec((await logs.getByTestId('logs-count').textContent()) ?? '')?.[1]
          ?.replace(/,/g, '') ?? NaN,
      );
    const sim = { socketPath: path.join(server.dataDir, 'sandbox-node/run/kubelet-sim/sim.sock') };
    await callSimDaemon(sim, 'journal.emit', { messages: ['"frame-time bench starts"'] });
    await page.waitForTimeout(1_000);
    const before = await known();
    const trace =
      PROFILE && window.name === 'unthrottled'
        ? path.join(os.tmpdir(), `logs-frame-time-${process.pid}.trace.json`)
        : null;
    if (trace)
      await browser.startTracing(page, {
        path: trace,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
      });
    await page.evaluate(INSTRUMENT);

    const perTick = (window.rate * TICK_MS) / 1000;
    let sent = 0;
    const start = Date.now();
    for (let t = 0; t < (SECONDS * 1000) / TICK_MS; t++) {
      if (perTick > 0)
        await callSimDaemon(sim, 'journal.emit', {
          messages: Array.from({ length: perTick }, (_, i) => message(sent + i)),
        });
      sent += perTick;
      const wait = start + (t + 1) * TICK_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const elapsed = (Date.now() - start) / 1000;
    const delivered = (await known()) - before;
    await page.waitForTimeout(500);
    const record = (await page.evaluate('window.__bench.stop = true, window.__bench')) as PageRecord;
    if (trace) await browser.stopTracing();
    // Every line sent must reach the pane and be shown (the bench is void otherwise); allow 15 s.
    // (The kubelet's own lines may add a few.)
    const count = logs.getByTestId('logs-count');
    const done = async () =>
      /^[\d,]+ lines$/.test((await count.textContent()) ?? '') && (await known()) >= before + sent;
    for (let i = 0; i < 30 && !(await done()); i++) await page.waitForTimeout(500);
    const summary = trace ? summarizeTrace(trace) : [];
    if (trace) fs.rmSync(trace, { force: true });
    return {
      window,
      sent,
      elapsed,
      delivered,
      before,
      final: (await count.textContent()) ?? '',
      record,
      summary,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

const pct = (xs: number[], p: number) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length === 0 ? NaN : (v[Math.min(v.length - 1, Math.floor(p * v.length))] as number);
};
const stats = (xs: number[]) =>
  `p50 ${pct(xs, 0.5).toFixed(1)} / p95 ${pct(xs, 0.95).toFixed(1)} / p99 ${pct(xs, 0.99).toFixed(1)} / max ${pct(xs, 1).toFixed(1)} ms (${xs.length} frames)`;

function report(r: Awaited<ReturnType<typeof runWindow>>) {
  const { ticks, work, updated, loaf } = r.record;
  const intervals = ticks.slice(1).map((t, i) => t - (ticks[i] as number));
  // A pane update costs its script (React, before the frame that shows it) and its rendering
  // (that frame): the interval in which the DOM changed and the next one.
  const withUpdate = intervals.filter((_, i) => updated[i + 1] || updated[i]);
  const seconds = ((ticks.at(-1) ?? 0) - (ticks[0] ?? 0)) / 1000;
  const over16 = intervals.filter((d) => d > 16).length;
  const over25 = intervals.filter((d) => d > 25).length;
  const scripts = new Map<string, number>();
  for (const e of loaf)
    for (const s of e.scripts) scripts.set(s.invoker, (scripts.get(s.invoker) ?? 0) + s.duration);
  const topScripts = [...scripts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
    .join(', ');
  console.log(
    `\n[${r.window.name}] sent ${r.sent.toLocaleString('en-US')} lines in ${r.elapsed.toFixed(1)} s (${(r.sent / r.elapsed).toFixed(0)} lines/s); the pane knew of ${r.delivered.toLocaleString('en-US')} more by then (${(r.delivered / r.elapsed).toFixed(0)} lines/s); at the end it shows "${r.final}" (expected ${(r.before + r.sent).toLocaleString('en-US')})`,
  );
  console.log(
    `  ${intervals.length} frames in ${seconds.toFixed(1)} s (${(intervals.length / seconds).toFixed(0)} frames/s); intervals over 16 ms: ${over16} (${((100 * over16) / intervals.length).toFixed(2)} %), over 25 ms (a missed vsync at 60 Hz): ${over25} (${((100 * over25) / intervals.length).toFixed(2)} %)`,
  );
  console.log(`  frame interval, all frames:            ${stats(intervals)}`);
  console.log(`  frame interval, frames with an update: ${stats(withUpdate)}`);
  console.log(`  rendering work per frame:              ${stats(work)}`);
  const loafLine = loaf.length
    ? `${loaf.length}, max ${Math.max(...loaf.map((e) => e.duration)).toFixed(0)} ms (rendering part max ${Math.max(...loaf.map((e) => e.render)).toFixed(0)} ms); scripts: ${topScripts || 'none attributed'}`
    : '0';
  console.log(
    `  long animation frames (> 50 ms): ${r.record.loafSupported ? loafLine : 'API not supported'}`,
  );
  for (const l of r.summary) console.log(`  trace: ${l}`);
}

const probe = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
console.log(`Chromium ${probe.version()}; ${os.cpus().length} CPUs`);
await probe.close();
for (let run = 1; run <= RUNS; run++) {
  console.log(
    `\n━━ run ${run} of ${RUNS} ━━ (load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  for (const window of WINDOWS) report(await runWindow(window));
}
