// The sudo protocol (docs/security.md › sudo) against a local /bin/sh and a fake sudo that records
// every password line it reads. The real sudo matrix runs in test/integration/ssh.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalTransport } from '../../../src-main/ssh/local-transport.js';
import { detectSudo, SudoError, SudoSession } from '../../../src-main/ssh/sudo.js';
import { collect, type CommandTransport } from '../../../src-main/ssh/transport.js';
import { makeFakeSudoDir } from './fake-sudo.js';

const PW = 'correct horse $(touch /tmp/x) \'"';
let dir = '';
let log = '';
let mode: 'nopasswd' | 'password' | 'none' = 'nopasswd';
const commands: string[] = [];

beforeAll(() => {
  dir = makeFakeSudoDir();
  log = join(dir, 'pwlog');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A local transport whose env selects the fake sudo's mode; records every command string. */
function transport(): CommandTransport {
  return {
    exec: (cmd) => {
      commands.push(cmd);
      const env = {
        ...process.env,
        PATH: `${dir}:${process.env.PATH ?? ''}`,
        FAKE_SUDO_MODE: mode,
        FAKE_SUDO_PW: PW,
        FAKE_SUDO_LOG: log,
      };
      return createLocalTransport({ shell: '/bin/bash', env }).exec(cmd);
    },
  };
}

function session(answers: Array<string | null>): { s: SudoSession; asked: () => number } {
  let asked = 0;
  const s = new SudoSession(transport(), {
    user: 'ks-sudo',
    node: 'controlplane',
    onPassword: async () => answers[asked++] ?? null,
  });
  return { s, asked: () => asked };
}

async function runCat(s: SudoSession, payload: Buffer): Promise<Buffer> {
  const ch = await s.open(['cat']);
  ch.stdin.end(payload);
  const r = await collect(ch);
  expect(r.code).toBe(0);
  return r.stdout;
}

const payload = Buffer.from('line one\npassword-looking line\n\xff bytes\n', 'latin1');
const pwLines = (): string[] => readFileSync(log, 'utf8').split('\n').filter(Boolean);

describe('sudo protocol', () => {
  it('detects the mode with sudo -n true', async () => {
    for (const m of ['nopasswd', 'password'] as const) {
      mode = m;
      expect(await detectSudo(transport())).toBe(m);
    }
  });

  it('NOPASSWD: never asks, never writes a password, payload arrives exactly', async () => {
    mode = 'nopasswd';
    writeFileSync(log, '');
    const { s, asked } = session([PW]);
    expect(await runCat(s, payload)).toEqual(payload);
    expect(asked()).toBe(0);
    expect(pwLines()).toEqual([]);
  });

  it('password: asked once for many (also concurrent) commands; payload never mixed with it', async () => {
    mode = 'password';
    writeFileSync(log, '');
    const { s, asked } = session([PW, 'second answer must not be needed']);
    const outs = await Promise.all([runCat(s, payload), runCat(s, payload), runCat(s, payload)]);
    outs.push(await runCat(s, payload));
    for (const o of outs) expect(o).toEqual(payload);
    expect(asked()).toBe(1);
    expect(pwLines()).toEqual([PW, PW, PW, PW]); // sudo read exactly the password, once per command
  });

  it('cached timestamp after a password run: the cached password is not sent, payload intact', async () => {
    mode = 'password';
    const { s } = session([PW]);
    await runCat(s, payload);
    mode = 'nopasswd'; // sudo now has a valid timestamp: it does not prompt
    writeFileSync(log, '');
    expect(await runCat(s, payload)).toEqual(payload);
    expect(pwLines()).toEqual([]);
  });

  it('wrong password: fails once with a clear error, no second attempt, then asks again next time', async () => {
    mode = 'password';
    writeFileSync(log, '');
    const { s, asked } = session(['wrong', PW]);
    const err = await s.open(['true']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SudoError);
    expect((err as SudoError).kind).toBe('wrong-password');
    expect((err as SudoError).message).toBe('sudo: incorrect password for ks-sudo on controlplane');
    expect(pwLines()).toEqual(['wrong']);
    expect(await runCat(s, payload)).toEqual(payload);
    expect(asked()).toBe(2);
  });

  it('no sudo rights and cancelled prompt give typed errors', async () => {
    mode = 'none';
    const a = await session([PW])
      .s.open(['true'])
      .catch((e: unknown) => e);
    expect((a as SudoError).kind).toBe('not-allowed');
    mode = 'password';
    const b = await session([null])
      .s.open(['true'])
      .catch((e: unknown) => e);
    expect((b as SudoError).kind).toBe('cancelled');
  });

  it('output before and after the start marker: only the command output is returned', async () => {
    mode = 'nopasswd';
    const { s } = session([]);
    const ch = await s.open(['printf', '%s', 'no newline at end']);
    const r = await collect(ch);
    expect(r.stdout.toString()).toBe('no newline at end');
  });

  it('the password appears in no command string (argv), plain or base64', () => {
    const b64 = Buffer.from(PW).toString('base64');
    expect(commands.length).toBeGreaterThan(5);
    for (const c of commands) {
      expect(c).not.toContain(PW);
      expect(c).not.toContain(b64.slice(0, 12));
    }
  });
});
