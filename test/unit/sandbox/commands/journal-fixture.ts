/** Kubelet journal entries as the simulated kubelet writes them (docs/kubelet.md §5.1, §9.6). */
import fs from 'node:fs';
import path from 'node:path';
import type { JournalEntry } from '../../../../src-main/sandbox/model';
import { simPaths } from '../../../../src-main/sandbox/paths';
import { NOW } from './sim-fixture';

export const BOOT = 'e1d03b572fbf4c66b1c18be1d5cfe57d';
const SEQ_ID = 'e41457c2a3864c389cb340178b20513b';

/** Entry number `i`, `i` seconds after NOW − 1h (µs realtime). */
export function journalEntry(
  i: number,
  message = `I0530 01:00:${String(i % 60).padStart(2, '0')}.000000   20023 kubelet.go:1] "line ${i}"`,
): JournalEntry {
  const realtime = (NOW - 3600_000 + i * 1000) * 1000 + 123;
  const mono = 3_305_808 + i * 1000_000;
  return {
    __CURSOR: `s=${SEQ_ID};i=${(0x27e88 + i).toString(16)};b=${BOOT};m=${mono.toString(16)};t=${realtime.toString(16)};x=${(0x31df3e70a561cd30n + BigInt(i)).toString(16)}`,
    __REALTIME_TIMESTAMP: String(realtime),
    __MONOTONIC_TIMESTAMP: String(mono),
    _BOOT_ID: BOOT,
    PRIORITY: '6',
    SYSLOG_FACILITY: '3',
    SYSLOG_IDENTIFIER: 'kubelet',
    _TRANSPORT: 'stdout',
    _PID: '20023',
    _UID: '0',
    _GID: '0',
    _COMM: 'kubelet',
    _EXE: '/usr/bin/kubelet',
    _SYSTEMD_UNIT: 'kubelet.service',
    _SYSTEMD_CGROUP: '/system.slice/kubelet.service',
    _HOSTNAME: 'controlplane',
    _MACHINE_ID: '637a687e69f04cd0bb298de2c737fc13',
    MESSAGE: message,
  };
}

export const jsonl = (entries: JournalEntry[]): string =>
  entries.map((e) => JSON.stringify(e) + '\n').join('');

export function writeJournal(root: string, entries: JournalEntry[]): string {
  const file = simPaths(root).journalFile;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, jsonl(entries));
  return file;
}

export function appendJournal(root: string, entries: JournalEntry[]): void {
  fs.appendFileSync(simPaths(root).journalFile, jsonl(entries));
}

/** What the daemon's vacuum does: write the kept tail to a temp file and rename it over. */
export function vacuumJournal(root: string, keep: JournalEntry[]): void {
  const file = simPaths(root).journalFile;
  fs.writeFileSync(file + '.vacuum', jsonl(keep));
  fs.renameSync(file + '.vacuum', file);
}

export const range = (from: number, to: number): JournalEntry[] =>
  Array.from({ length: to - from }, (_, k) => journalEntry(from + k));
