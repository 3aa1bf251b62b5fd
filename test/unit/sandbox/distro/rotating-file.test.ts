/**
 * RKE2's kubelet log writer behaves as natefinch/lumberjack does (rotating-file.ts): a new
 * file 0600, rotation before a write that would pass MaxSize, the old file renamed with the
 * UTC time (`kubelet-2006-01-02T15-04-05.000.log`) and gzip-compressed, the new one keeping the
 * mode, only MaxBackups backups kept, an existing file appended to across restarts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { backupTimestamp, RotatingFile } from '../../../../src-main/sandbox/distro/rotating-file';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup(maxSizeMb = 1) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rotating-'));
  dirs.push(dir);
  let now = Date.UTC(2025, 7, 23, 8, 51, 0, 123);
  const file = path.join(dir, 'kubelet.log');
  const open = () =>
    new RotatingFile({ file, maxSizeMb, maxBackups: 3, maxAgeDays: 28, compress: true, now: () => now });
  return { dir, file, open, tick: (ms: number) => (now += ms) };
}

const MB = 1024 * 1024;
const line = (i: number) =>
  Buffer.from(`I0823 08:51:00.000000    1234 kubelet.go:1] line ${String(i).padStart(8, '0')}\n`);

describe('lumberjack-like rotation', () => {
  it('names backups with the UTC time', () => {
    expect(backupTimestamp(Date.UTC(2025, 7, 23, 8, 51, 0, 123))).toBe('2025-08-23T08-51-00.123');
  });

  it('creates 0600, rotates before passing MaxSize, compresses the backup, keeps the mode', () => {
    const { dir, file, open, tick } = setup();
    const w = open();
    let i = 0;
    let written = 0;
    while (written + line(i).length <= MB) {
      written += line(i).length;
      w.write(line(i++));
    }
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(file).size).toBe(written);
    tick(5);
    w.write(line(i++));
    expect(fs.readdirSync(dir).sort()).toEqual(['kubelet-2025-08-23T08-51-00.128.log.gz', 'kubelet.log']);
    expect(fs.readFileSync(file, 'utf8')).toBe(line(i - 1).toString());
    const old = zlib
      .gunzipSync(fs.readFileSync(path.join(dir, 'kubelet-2025-08-23T08-51-00.128.log.gz')))
      .toString();
    expect(old.split('\n').at(-2)).toContain(`line ${String(i - 2).padStart(8, '0')}`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    w.close();
  });

  it('keeps the newest three backups', () => {
    const { dir, open, tick } = setup();
    const w = open();
    const big = Buffer.alloc(MB - 10, 'x');
    for (let r = 0; r < 6; r++) {
      tick(1000);
      w.write(big);
    }
    w.close();
    const backups = fs
      .readdirSync(dir)
      .filter((n) => n !== 'kubelet.log')
      .sort();
    // Five rotations (at +2 s … +6 s), the oldest two removed.
    expect(backups).toEqual([
      'kubelet-2025-08-23T08-51-04.123.log.gz',
      'kubelet-2025-08-23T08-51-05.123.log.gz',
      'kubelet-2025-08-23T08-51-06.123.log.gz',
    ]);
  });

  it('appends to an existing file after a restart, as long as it stays under MaxSize', () => {
    const { file, open } = setup();
    const a = open();
    a.write(line(1));
    a.close();
    const b = open();
    b.write(line(2));
    b.close();
    expect(fs.readFileSync(file, 'utf8')).toBe(`${line(1)}${line(2)}`);
  });
});
