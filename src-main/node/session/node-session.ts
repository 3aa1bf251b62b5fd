/**
 * A session on one node, over any transport (SSH, or the local machine for the sandbox node):
 * the one way the app and its tests run a command on a node. It runs named commands, as root
 * where they need it, and streams long-running ones; whatever it started stops on the node when
 * the run times out or is cancelled, or the stream is closed.
 */
import { ContractError } from '../../contract';
import { channelBoundArgv, toRemoteCommand } from '../../ssh/command-line';
import { SudoError, type SudoSession } from '../../ssh/sudo';
import {
  collect,
  type CommandTransport,
  type ExecChannel,
  type InteractiveShell,
  type ShellSize,
} from '../../ssh/transport';
import { DEFAULT_COMMAND_TIMEOUT_MS, type CommandOutput, type NodeCommand } from './node-command';

export interface RunOptions {
  /** Cancels the run: the command is stopped on the node and run() rejects with the reason. */
  signal?: AbortSignal;
}

/** How privileged commands run: directly (root login, or the local sandbox), through sudo, or not at all. */
export type Privilege = 'direct' | 'sudo' | 'unavailable';

export interface NodeSessionOptions {
  /** The node's name, for messages. */
  name: string;
  transport: CommandTransport;
  privilege: Privilege;
  /** Required when privilege is 'sudo'. */
  sudo?: SudoSession;
  /** The login user, for messages. */
  user?: string;
}

export class NodeSession {
  private privilegeNow: Privilege;

  constructor(private readonly options: NodeSessionOptions) {
    this.privilegeNow = options.privilege;
  }

  get name(): string {
    return this.options.name;
  }

  /**
   * 'unavailable' also once sudo turned out not to be allowed for this user, or the user chose
   * not to give its password: the views then read as the login user and say what that user may
   * not read.
   */
  get privilege(): Privilege {
    return this.privilegeNow;
  }

  /**
   * Runs a command to its end and returns its output; a timeout, a cancel (`signal`) or a sudo
   * failure rejects. The command runs so that it dies with its channel (ssh/command-line.ts,
   * channelBoundArgv): on a timeout or a cancel the channel is closed and the node stops the
   * command and everything it started; a cancel rejects with the signal's reason.
   */
  async run(command: NodeCommand, options: RunOptions = {}): Promise<CommandOutput> {
    const { signal } = options;
    signal?.throwIfAborted();
    const payload = command.stdin ?? null;
    const channel = await this.open(command, channelBoundArgv(command.argv, payload ? payload.length : null));
    // The channel's stdin stays open after the payload: its end is what stops the command.
    if (payload && payload.length > 0) channel.stdin.write(payload);
    const timeoutMs = command.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    let onAbort = (): void => undefined;
    const stopped = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(
          new ContractError({
            code: 'timeout',
            message: `${this.name}: could not ${command.purpose} within ${Math.round(timeoutMs / 1000)} s.`,
            hint: 'The node may be overloaded or the connection stalled; try again.',
          }),
        );
      }, timeoutMs);
      onAbort = () => reject(signal?.reason ?? new DOMException('The command was cancelled.', 'AbortError'));
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    const collected = collect(channel);
    collected.catch(() => undefined); // settled after a timeout or cancel: nobody waits for it
    try {
      const result = await Promise.race([collected, stopped]);
      return {
        stdout: result.stdout,
        stderr: result.stderr.toString('utf8'),
        code: result.code,
        signal: result.signal,
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      channel.close();
    }
  }

  /**
   * Starts a long-running command (journalctl -f, crictl logs -f). Closing the returned
   * channel stops the command on the node (docs/security.md "SSH": no orphans); its stdin is
   * the stop signal, not an input (channelBoundArgv).
   */
  async stream(command: NodeCommand): Promise<ExecChannel> {
    if (command.stdin) throw new Error('NodeSession.stream: a followed command takes no stdin');
    return this.open(command, channelBoundArgv(command.argv, null));
  }

  /** Opens an interactive shell on a PTY as the login user (the terminal pane). */
  async openShell(size: ShellSize): Promise<InteractiveShell> {
    if (!this.options.transport.openShell) {
      throw new ContractError({
        code: 'unsupported',
        message: `${this.name}: this connection cannot open a terminal.`,
        hint: 'Use ssh from a terminal of your own for now.',
      });
    }
    return this.options.transport.openShell(size);
  }

  private async open(command: NodeCommand, argv: NodeCommand['argv']): Promise<ExecChannel> {
    if (command.privileged && this.privilegeNow === 'sudo') {
      if (!this.options.sudo) throw new Error('NodeSession: privilege sudo without a sudo session');
      try {
        return await this.options.sudo.open(argv);
      } catch (error) {
        if (error instanceof SudoError && (error.kind === 'not-allowed' || error.kind === 'cancelled')) {
          // No root for this user on this node: read as the user from now on (no prompt again).
          this.privilegeNow = 'unavailable';
          return this.options.transport.exec(toRemoteCommand(argv));
        }
        if (error instanceof SudoError) {
          throw new ContractError({
            code: 'sudo-failed',
            message: `${this.name}: could not ${command.purpose}: ${error.message}.`,
            hint:
              error.kind === 'wrong-password'
                ? 'Connect again and give the right sudo password.'
                : 'This needs root on the node; log in as a user who may use sudo.',
          });
        }
        throw error;
      }
    }
    return this.options.transport.exec(toRemoteCommand(argv));
  }
}
