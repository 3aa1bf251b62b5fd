// sudo over any CommandTransport, with the password kept out of argv, env, files and logs.
// docs/security.md › sudo: "Detect with `sudo -n true`. Ask for the password once per node session;
// keep it in memory only; never in argv, env, a file or a log. Never share stdin between the
// password and a payload … A wrong password fails once, clearly; no retry storm."
//
// Wire protocol (one exec channel):
//   sudo -S -p <PROMPT> -- /bin/sh -c <sudo-start.sh> <START> argv…
// - sudo writes <PROMPT> (random, no `%`) to stderr only when it needs a password; only then is
//   the password written to stdin. With NOPASSWD or a cached timestamp nothing is ever written.
// - The command under sudo prints <START> on stdout first; the payload (if any) is written only
//   after it, so the payload can never be read by sudo as a password and vice versa.
// - A second <PROMPT> means the password was wrong: close the channel, fail once.
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { toRemoteCommand, type ArgvInput } from './command-line.js';
import START_SCRIPT from './sudo-start.sh';
import { collect, type CommandTransport, type ExecChannel } from './transport.js';

export type SudoMode = 'nopasswd' | 'password' | 'none' | 'unavailable';

export type SudoErrorKind = 'wrong-password' | 'not-allowed' | 'cancelled' | 'unavailable' | 'failed';

export class SudoError extends Error {
  constructor(
    readonly kind: SudoErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SudoError';
  }
}

export interface SudoPasswordRequest {
  user: string;
  node: string;
}

export interface SudoOptions {
  /** Login user and node name, for messages only. */
  user: string;
  node: string;
  /** Asked at most once per session while the answer works; null means the user cancelled. */
  onPassword: (req: SudoPasswordRequest) => Promise<string | null>;
}

/** The argv that runs `argv` under sudo with the two markers (exported for tests). */
export function sudoArgv(argv: ArgvInput, promptMark: string, startMark: string): ArgvInput {
  return ['sudo', '-S', '-p', promptMark, '--', '/bin/sh', '-c', START_SCRIPT, startMark, ...argv];
}

/** Classifies `sudo -n true`. */
export async function detectSudo(transport: CommandTransport): Promise<SudoMode> {
  const r = await collect(await transport.exec(toRemoteCommand(['sudo', '-n', 'true'])));
  if (r.code === 0) return 'nopasswd';
  const err = r.stderr.toString('utf8');
  if (/a (terminal|password) is required/.test(err)) return 'password';
  if (r.code === 127 || /not found/.test(err)) return 'unavailable';
  return 'none';
}

function classifyFailure(stderr: string, user: string, node: string): SudoError {
  if (/not in the sudoers|may not run sudo|not allowed to execute/.test(stderr)) {
    return new SudoError('not-allowed', `sudo: ${user} may not run this command as root on ${node}`);
  }
  if (/sudo: (command )?not found|sudo: No such file/.test(stderr)) {
    return new SudoError('unavailable', `sudo is not installed on ${node}`);
  }
  const detail = stderr.trim().split('\n').slice(-1)[0] ?? '';
  return new SudoError('failed', `sudo failed on ${node}${detail ? `: ${detail}` : ''}`);
}

/** Per-node-session sudo state: the cached password lives here and nowhere else. */
export class SudoSession {
  private password: string | null = null;
  private asking: Promise<string | null> | null = null;

  constructor(
    private readonly transport: CommandTransport,
    private readonly options: SudoOptions,
  ) {}

  detect(): Promise<SudoMode> {
    return detectSudo(this.transport);
  }

  /** Forget the password (on disconnect or at the user's request). */
  forget(): void {
    this.password = null;
  }

  private async getPassword(): Promise<string | null> {
    if (this.password !== null) return this.password;
    // Concurrent commands share one question.
    this.asking ??= this.options
      .onPassword({ user: this.options.user, node: this.options.node })
      .finally(() => {
        this.asking = null;
      });
    const pw = await this.asking;
    if (pw !== null) this.password = pw;
    return pw;
  }

  /**
   * Opens `argv` under sudo. Resolves once the command runs as root (its start marker seen);
   * the returned channel's stdout starts after the marker and its stdin is free for a payload.
   */
  async open(argv: ArgvInput): Promise<ExecChannel> {
    const promptMark = `[ks-sudo-${randomBytes(12).toString('hex')}]`;
    const startMark = `ks-start-${randomBytes(12).toString('hex')}`;
    const channel = await this.transport.exec(toRemoteCommand(sudoArgv(argv, promptMark, startMark)));
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const { user, node } = this.options;

    return new Promise<ExecChannel>((resolve, reject) => {
      let started = false;
      let settled = false;
      let outHead = Buffer.alloc(0);
      let errText = '';
      let prompts = 0;
      const fail = (e: SudoError): void => {
        if (settled) return;
        settled = true;
        channel.close();
        reject(e);
      };

      channel.stderr.on('data', (d: Buffer) => {
        if (started) {
          stderr.write(d);
          return;
        }
        errText += d.toString('latin1');
        let idx: number;
        while ((idx = errText.indexOf(promptMark)) >= 0) {
          errText = errText.slice(0, idx) + errText.slice(idx + promptMark.length);
          prompts++;
          if (prompts > 1) {
            this.password = null; // a wrong password is never retried with the same value
            fail(new SudoError('wrong-password', `sudo: incorrect password for ${user} on ${node}`));
            return;
          }
          void this.getPassword().then(
            (pw) => {
              if (pw === null)
                fail(new SudoError('cancelled', `sudo password not given for ${user} on ${node}`));
              else if (!settled) channel.stdin.write(`${pw}\n`);
            },
            () => fail(new SudoError('cancelled', `sudo password not given for ${user} on ${node}`)),
          );
        }
      });

      channel.stdout.on('data', (d: Buffer) => {
        if (started) {
          // Backpressure: a slow reader of a followed stream pauses the SSH channel.
          if (!stdout.write(d)) {
            channel.stdout.pause();
            stdout.once('drain', () => channel.stdout.resume());
          }
          return;
        }
        outHead = Buffer.concat([outHead, d]);
        const marker = Buffer.from(`${startMark}\n`);
        const at = outHead.indexOf(marker);
        if (at < 0) return;
        started = true;
        settled = true;
        const rest = outHead.subarray(at + marker.length);
        if (rest.length > 0) stdout.write(rest);
        // sudo's own stderr before the start (lecture, "Sorry, try again") is passed on, minus prompts.
        if (errText.trim() !== '') stderr.write(errText);
        resolve({ stdout, stderr, stdin: channel.stdin, exit: channel.exit, close: () => channel.close() });
      });

      // End the relays on 'close' too: a torn-down channel emits no 'end'.
      channel.stdout.once('end', () => stdout.end());
      channel.stdout.once('close', () => stdout.end());
      channel.stderr.once('end', () => stderr.end());
      channel.stderr.once('close', () => stderr.end());
      channel.exit.then(
        () => {
          if (!started) fail(classifyFailure(errText, user, node));
        },
        (e: unknown) => fail(new SudoError('failed', `sudo on ${node}: ${(e as Error).message}`)),
      );
    });
  }
}
