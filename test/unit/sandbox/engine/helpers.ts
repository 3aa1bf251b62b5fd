import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../../../src-main/sandbox/engine/clock';
import {
  startSimKubelet,
  type SimKubeletHandle,
  type SimKubeletOptions,
} from '../../../../src-main/sandbox/engine/kubelet';
import { simPaths, type SimPaths } from '../../../../src-main/sandbox/paths';
import type { JournalEntry } from '../../../../src-main/sandbox/model';

export interface Harness {
  root: string;
  paths: SimPaths;
  clock: ManualClock;
  kubelet: SimKubeletHandle;
  manifest(name: string): string;
  /** Advances simulated time in steps, yielding to real I/O (fs.watch) between them. */
  run(ms: number, step?: number): Promise<void>;
  /** Steps until `cond` holds (or fails after `maxMs` of simulated time). */
  until(cond: () => boolean, maxMs?: number): Promise<void>;
  journal(): JournalEntry[];
  messages(): string[];
  cleanup(): void;
}

export async function harness(
  opts: Partial<SimKubeletOptions> = {},
  setup?: (paths: SimPaths) => void,
): Promise<Harness> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'simkubelet-'));
  const paths = simPaths(root);
  setup?.(paths);
  const clock = new ManualClock();
  const kubelet = startSimKubelet({
    paths,
    nodeName: 'ControlPlane',
    nodeIp: '192.168.97.4',
    role: 'control-plane',
    clock,
    pid: 20023,
    ...opts,
  });
  const run = async (ms: number, step = 100) => {
    for (let t = 0; t < ms; t += step) {
      clock.advance(Math.min(step, ms - t));
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  const journal = () =>
    fs.existsSync(paths.journalFile)
      ? fs
          .readFileSync(paths.journalFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as JournalEntry)
      : [];
  return {
    root,
    paths,
    clock,
    kubelet,
    manifest: (name) => path.join(paths.manifestDir, name),
    run,
    async until(cond, maxMs = 60_000) {
      for (let t = 0; t <= maxMs; t += 100) {
        if (cond()) return;
        clock.advance(100);
        await new Promise((r) => setTimeout(r, 2));
      }
      throw new Error('condition not reached');
    },
    journal,
    messages: () => journal().map((e) => e.MESSAGE),
    cleanup() {
      kubelet.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export const BUSYBOX = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: busybox
    image: busybox
    command: ["sleep", "1000"]
${extra}`;
