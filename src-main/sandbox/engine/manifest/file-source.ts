/**
 * The kubelet's file source (pkg/kubelet/config/file.go + file_linux.go, docs/kubelet.md §1.1–1.2,
 * §1.7): an undelta store keyed by namespace/name, fed by inotify-style watch events (kept
 * when a watched file fails to parse) and replaced wholesale by a full re-list every
 * fileCheckFrequency (which drops files that fail to parse).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SimClock, SimTimer } from '../clock';
import type { KubeletJournal } from '../journal/journal';
import type { KlogPairs } from '../journal/klog';
import { CALLERS, readManifestFile, scanManifestDir, type ScanLog } from './scan';
import type { StaticPod } from '../../../kubelet/static-pod';

export interface FileSourceOptions {
  hostDir: string;
  nodeDir: string;
  nodeName: string;
  clock: SimClock;
  journal: KubeletJournal;
  relistMs: number;
  /** Receives the complete current set after every change (the file source always sends all, §1.6). */
  onUpdate: (pods: StaticPod[]) => void;
}

export class FileSource {
  private store = new Map<string, StaticPod>();
  private fileKeys = new Map<string, string>();
  private watcher?: fs.FSWatcher;
  private relistTimer?: SimTimer;
  private watchRetry?: SimTimer;
  private stopped = false;

  constructor(private readonly opts: FileSourceOptions) {}

  start(): void {
    this.opts.journal.info({ file: 'file.go', line: 68 }, 'Watching path', [['path', this.opts.nodeDir]], 1);
    this.relist();
    this.startWatch();
  }

  stop(): void {
    this.stopped = true;
    this.watcher?.close();
    this.opts.clock.clearTimer(this.relistTimer);
    this.opts.clock.clearTimer(this.watchRetry);
  }

  pods(): StaticPod[] {
    return [...this.store.values()];
  }

  /** listConfig + replaceStore: the 20 s safety net; returns the number of pods. */
  relist(): number {
    this.opts.clock.clearTimer(this.relistTimer);
    const result = scanManifestDir(this.opts.hostDir, this.opts.nodeDir, this.opts.nodeName);
    for (const log of result.logs) this.logScan(log);
    this.store = result.pods;
    this.fileKeys = new Map([...result.pods.values()].map((p) => [p.filePath, p.key]));
    this.opts.onUpdate(this.pods());
    if (!this.stopped) this.relistTimer = this.opts.clock.setTimer(() => this.relist(), this.opts.relistMs);
    return result.pods.size;
  }

  /** consumeWatchEvent for one name in the directory (§1.2, inotify path). */
  handleWatchEvent(name: string): void {
    if (this.stopped) return;
    const nodePath = path.posix.join(this.opts.nodeDir, name);
    if (name.startsWith('.')) {
      this.opts.journal.info(
        { file: 'file_linux.go', line: 131 },
        'Ignored pod manifest, because it starts with dots',
        [['eventPath', nodePath]],
        4,
      );
      return;
    }
    const hostPath = path.join(this.opts.hostDir, name);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(hostPath);
    } catch {
      stat = undefined;
    }
    if (!stat) {
      // Remove/rename: drop whatever pod this file last provided, even if another file now
      // provides that name (the root of kubeadm#2823, §1.6).
      const key = this.fileKeys.get(nodePath);
      if (key === undefined) return;
      this.fileKeys.delete(nodePath);
      if (this.store.delete(key)) this.opts.onUpdate(this.pods());
      return;
    }
    if (!stat.isFile()) return;
    const parsed = readManifestFile(hostPath, nodePath, this.opts.nodeName);
    if (!parsed.ok) {
      this.opts.journal.error(
        CALLERS.watchEvent,
        'Unable to process watch event',
        `can't process config file "${nodePath}": ${parsed.error}`,
      );
      return;
    }
    const current = this.store.get(parsed.pod.key);
    this.fileKeys.set(nodePath, parsed.pod.key);
    if (current && current.uid === parsed.pod.uid) return;
    this.store.set(parsed.pod.key, parsed.pod);
    this.opts.onUpdate(this.pods());
  }

  private startWatch(): void {
    if (this.stopped) return;
    try {
      if (!fs.statSync(this.opts.hostDir).isDirectory()) return;
      this.watcher = fs.watch(this.opts.hostDir, { persistent: false }, (_event, filename) => {
        if (filename) this.handleWatchEvent(filename.toString());
      });
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = undefined;
        this.scheduleWatchRetry();
      });
    } catch {
      // Missing directory: the watch is retried every second, logging each time (§1.1).
      this.opts.journal.error(
        { file: 'file_linux.go', line: 61 },
        'Unable to read config path',
        'path does not exist, ignoring',
        [['path', this.opts.nodeDir]],
      );
      this.scheduleWatchRetry();
    }
  }

  private scheduleWatchRetry(): void {
    this.watchRetry = this.opts.clock.setTimer(() => {
      this.startWatch();
      if (this.watcher) this.relist();
    }, 1000);
  }

  private logScan(log: ScanLog): void {
    const pairs: Array<readonly [string, string]> = [['path', log.path]];
    if (log.mode) pairs.push(['mode', log.mode]);
    if (log.message === 'Reading config file')
      this.opts.journal.info(log.caller, log.message, pairs as KlogPairs, 3);
    else this.opts.journal.error(log.caller, log.message, log.err, pairs as KlogPairs);
  }
}
