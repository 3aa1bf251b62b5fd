// docs/security.md test 13, locally: exactly what sshd does (`$SHELL -c "<command string>"`) for
// bash, dash, fish and tcsh, with `/usr/bin/printf '%s\0'` reporting the argv bytes it received.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelBoundArgv, DECODE_SCRIPT, toRemoteCommand } from '../../../src-main/ssh/command-line.js';
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

/** PIDs whose cmdline contains `part` (our own unique sleep argument). */
function pidsWith(part: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/cmdline`, 'latin1').includes(part)) out.push(Number(d));
    } catch {
      /* process gone */
    }
  }
  return out;
}

/** The command string under a login shell in a session of its own, as sshd runs it (setsid). */
function spawnAsSshd(shell: string, argv: Array<string | Buffer>) {
  const child = spawn(shell, ['-c', toRemoteCommand(argv)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  return { child, output: () => out, exited };
}

const until = async (check: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('channelBoundArgv', () => {
  it('stops the command and what it started when the channel stdin closes (no orphan)', async () => {
    const unique = `1000.${process.pid}${Date.now() % 100000}`;
    const run = spawnAsSshd(
      '/usr/bin/fish',
      channelBoundArgv(['sh', '-c', 'sleep "$1" & sleep "$1"', 'sh', unique], null),
    );
    await until(() => pidsWith(`sleep\0${unique}`).length === 2, 'the command and its child');
    run.child.stdin.end(); // what sshd does to the pipe when the channel closes
    expect((await run.exited).code).toBe(143); // the command's TERM status, passed through
    await until(() => pidsWith(unique).length === 0, 'nothing of ours left');
  });

  it('passes output and exit status through when the command ends by itself, and stops what it left', async () => {
    const unique = `1001.${process.pid}${Date.now() % 100000}`;
    const run = spawnAsSshd(
      '/bin/dash',
      channelBoundArgv(['sh', '-c', 'sleep "$1" & echo hi; exit 4', 'sh', unique], null),
    );
    // The app keeps the channel open until the command has ended.
    expect(await run.exited).toEqual({ code: 4, signal: null });
    expect(run.output()).toBe('hi\n');
    run.child.stdin.end();
    await until(() => pidsWith(unique).length === 0, 'nothing of ours left');
  });

  it('gives the command exactly the payload as its stdin, then end of file', async () => {
    const payload = Buffer.from('line 1\n\u00ff\u0000 binary\nno newline at the end', 'latin1');
    const run = spawnAsSshd(
      '/bin/dash',
      channelBoundArgv(['sh', '-c', 'od -An -tx1 -v | tr -d " \\n"; echo; echo done'], payload.length),
    );
    run.child.stdin.write(payload);
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.output()).toBe(`${payload.toString('hex')}\ndone\n`);
    run.child.stdin.end();
  });

  it('refuses a payload size that is not a byte count', () => {
    expect(() => channelBoundArgv(['cat'], -1)).toThrow(/byte count/);
    expect(() => channelBoundArgv(['cat'], 1.5)).toThrow(/byte count/);
  });
});
