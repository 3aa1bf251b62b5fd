// docs/security.md test 13, locally: exactly what sshd does (`$SHELL -c "<command string>"`) for
// bash, dash, fish and tcsh, with `/usr/bin/printf '%s\0'` reporting the argv bytes it received.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DECODE_SCRIPT,
  FOLLOW_SCRIPT,
  followArgv,
  toRemoteCommand,
} from '../../../src-main/ssh/command-line.js';
import { fuzzCorpus, injectionCorpus, splitNul } from './injection-corpus.js';

const SHELLS = ['/bin/bash', '/bin/dash', '/usr/bin/fish', '/bin/tcsh'].filter((s) => existsSync(s));
const asBuf = (a: string | Buffer): Buffer => (typeof a === 'string' ? Buffer.from(a, 'utf8') : a);

function runAsSshd(shell: string, command: string): { stdout: Buffer; stderr: string; code: number | null } {
  const r = spawnSync(shell, ['-c', command], { maxBuffer: 64 << 20, env: { ...process.env, SHELL: shell } });
  return { stdout: r.stdout, stderr: r.stderr.toString(), code: r.status };
}

describe('toRemoteCommand form', () => {
  it('the fixed script has no backslash, newline, ! or single quote and is ASCII', () => {
    for (const script of [DECODE_SCRIPT]) {
      expect(script).not.toMatch(/[\\\n!']/);
      expect(script).toMatch(/^[\x20-\x7e]+$/);
    }
  });
  it('variable parts are only _ + base64', () => {
    const cmd = toRemoteCommand(['a', '$(x)', Buffer.from([0xff])]);
    const tail = cmd.slice(cmd.lastIndexOf("' sh ") + 5);
    expect(tail).toMatch(/^(_[A-Za-z0-9+/=]* ?)+$/);
  });
  it('refuses NUL and empty argv', () => {
    expect(() => toRemoteCommand(['a\0b'])).toThrow(/NUL/);
    expect(() => toRemoteCommand([])).toThrow(/empty/);
  });
});

for (const shell of SHELLS) {
  describe(`through ${shell} -c`, () => {
    it('the injection corpus arrives byte for byte and no canary is created', () => {
      const canary = join(tmpdir(), `ks-canary-${process.pid}-${shell.split('/').pop()}`);
      rmSync(canary, { force: true });
      const args = injectionCorpus(canary);
      const r = runAsSshd(shell, toRemoteCommand(['/usr/bin/printf', '%s\\0', ...args]));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(splitNul(r.stdout).map((b) => b.toString('hex'))).toEqual(
        args.map((a) => asBuf(a).toString('hex')),
      );
      expect(existsSync(canary)).toBe(false);
    });

    it('300 fuzzed byte strings arrive byte for byte', () => {
      const fuzz = fuzzCorpus(300, 0x5eed + shell.length);
      for (let i = 0; i < fuzz.length; i += 50) {
        const batch = fuzz.slice(i, i + 50);
        const r = runAsSshd(shell, toRemoteCommand(['/usr/bin/printf', '%s\\0', ...batch]));
        expect(r.code).toBe(0);
        expect(splitNul(r.stdout).map((b) => b.toString('hex'))).toEqual(batch.map((b) => b.toString('hex')));
      }
    });

    it('argv[0] is looked up in PATH and the exit status comes back', () => {
      expect(runAsSshd(shell, toRemoteCommand(['sh', '-c', 'exit 7'])).code).toBe(7);
      const r = runAsSshd(shell, toRemoteCommand(['cat']));
      expect(r.code).toBe(0);
    });
  });
}

/** PIDs whose cmdline starts with `prefix` (our own unique sleep argument). */
function pidsWith(prefix: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/cmdline`, 'latin1').startsWith(prefix)) out.push(Number(d));
    } catch {
      /* process gone */
    }
  }
  return out;
}

/** True once `check()` holds, false if it does not within 10 s (polled every 20 ms). */
async function settles(check: () => boolean): Promise<boolean> {
  for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    if (check()) return true;
  }
  return check();
}

describe('followArgv', () => {
  it('the follow script obeys the same character rules', () => {
    expect(FOLLOW_SCRIPT).toMatch(/^[\x20-\x7e]+$/);
  });

  it('kills the command when the channel stdin closes (no orphan)', async () => {
    const unique = `1000.${process.pid}${Date.now() % 100000}`;
    const child = spawn('/usr/bin/fish', ['-c', toRemoteCommand(followArgv(['sleep', unique]))], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    expect(await settles(() => pidsWith(`sleep\0${unique}`).length === 1)).toBe(true);
    const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    child.stdin.end(); // what sshd does to the pipe when the channel closes
    const code = await exited;
    expect(code).toBe(143); // the command's TERM status, passed through
    // A killed process may take a moment to go; an orphan (sleep 1000…) would stay.
    expect(await settles(() => pidsWith(`sleep\0${unique}`).length === 0)).toBe(true);
  });

  it('passes output and exit status through when the command ends by itself', async () => {
    const child = spawn('/bin/dash', ['-c', toRemoteCommand(followArgv(['sh', '-c', 'echo hi; exit 4']))], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    child.stdin.end();
    expect({ out, code }).toEqual({ out: 'hi\n', code: 4 });
  });
});
