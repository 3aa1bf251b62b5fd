/**
 * Runs a log filter's regex on a worker thread with a time budget (regex-judge.ts says why).
 * One worker per filtered view, started on first use and ended when the view goes, when it has
 * been idle a while, or when a run takes longer than the budget: terminating the thread is the
 * only way to stop a regex in the middle of a match, and the core's thread never waits for it.
 *
 * The worker's code is built from judgeRun's and scanRows's source, so it is the same code the
 * tests run on the calling thread, and needs no separate file in any of the builds (CLI, Electron,
 * tests from source).
 */
import { Worker } from 'node:worker_threads';
import { scanRows } from './regex-chunk-scan';
import { judgeRun, RegexStopped, type RegexJudge, type RegexRun, type RegexSpec } from './regex-judge';

/**
 * A run is at most one 1 MiB chunk of rows; a pattern that the benchmark's filter takes about
 * 3 ms for (bench/RESULTS.md, "Filtering 1,000,000 lines") gets a thousand times that.
 */
export const RUN_BUDGET_MS = 3_000;
const IDLE_MS = 30_000;

function workerSource(): string {
  return `
const { parentPort, workerData } = require('node:worker_threads');
const scanRows = ${scanRows.toString()};
const judgeRun = ${judgeRun.toString()};
const spec = workerData;
const regex = new RegExp(spec.source);
const scan = spec.scan ? { search: new RegExp(spec.scan.source, spec.scan.flags), anchored: spec.scan.anchored } : null;
parentPort.on('message', (run) => {
  const out = judgeRun(regex, scan, run, scanRows);
  parentPort.postMessage(out, [out.buffer]);
});
`;
}

export interface WorkerJudgeOptions {
  budgetMs?: number;
}

export function workerRegexJudge(spec: RegexSpec, options: WorkerJudgeOptions = {}): RegexJudge {
  const budgetMs = options.budgetMs ?? RUN_BUDGET_MS;
  let worker: Worker | null = null;
  let idle: NodeJS.Timeout | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let disposed = false;

  const stop = () => {
    if (idle) clearTimeout(idle);
    idle = null;
    void worker?.terminate();
    worker = null;
  };

  const runOne = (run: RegexRun): Promise<Uint8Array> =>
    new Promise<Uint8Array>((resolve, reject) => {
      if (disposed) return reject(new RegexStopped('The filter was closed.'));
      if (idle) clearTimeout(idle);
      worker ??= new Worker(workerSource(), { eval: true, workerData: spec });
      const current = worker;
      const settle = () => {
        clearTimeout(timer);
        current.off('message', onMessage);
        current.off('error', onError);
        current.off('exit', onExit);
        idle = setTimeout(stop, IDLE_MS);
        idle.unref();
      };
      const onMessage = (out: Uint8Array) => {
        settle();
        resolve(out);
      };
      const onError = (error: Error) => {
        settle();
        stop();
        reject(new RegexStopped(`The regular expression failed: ${error.message}`));
      };
      const onExit = () => {
        settle();
        reject(new RegexStopped('The filter was closed.'));
      };
      const timer = setTimeout(() => {
        settle();
        stop();
        reject(
          new RegexStopped(
            `The regular expression took more than ${budgetMs / 1000} s on ${run.count} lines and was stopped; ` +
              'rows after those are not shown. A simpler pattern (no nested repetition such as (a+)+) will finish.',
          ),
        );
      }, budgetMs);
      current.on('message', onMessage);
      current.on('error', onError);
      current.on('exit', onExit);
      current.postMessage(run);
    });

  return {
    async: true,
    judge(run) {
      // One run at a time: the worker answers in order, and a stop ends every later run.
      const next = queue.then(() => runOne(run));
      queue = next.catch(() => {});
      return next;
    },
    dispose() {
      disposed = true;
      stop();
    },
  };
}
