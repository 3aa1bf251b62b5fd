/**
 * A session on one node, over any transport (SSH, or the local machine for the sandbox node):
 * runs named commands, as root where they need it, and streams long-running ones so that they
 * stop on the node when the stream is closed.
 */
import { ContractError } from '../../contract';
import { followArgv, toRemoteCommand } from '../../ssh/command-line';
import { SudoError, type SudoSession } from '../../ssh/sudo';
import {
  collect,
  type CommandTransport,
  type ExecChannel,
  type InteractiveShell,
  type ShellSize,
} from '../../ssh/transport';
import { DEFAULT_COMMAND_TIMEOUT_MS, type CommandOutput, type NodeCommand } from './node-command';

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

  /** Runs a command to its end and returns its output; a timeout or a sudo failure rejects. */
  async run(command: NodeCommand): Promise<CommandOutput> {
    const channel = await this.open(command, command.argv);
    if (command.stdin) channel.stdin.end(command.stdin);
    else channel.stdin.end();
    const timeoutMs = command.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        channel.close();
        reject(
          new ContractError({
            code: 'timeout',
            message: `${this.name}: could not ${command.purpose} within ${Math.round(timeoutMs / 1000)} s.`,
            hint: 'The node may be overloaded or the connection stalled; try again.',
          }),
        );
      }, timeoutMs);
    });
    try {
      const result = await Promise.race([collect(channel), timedOut]);
      return {
        stdout: result.stdout,
        stderr: result.stderr.toString('utf8'),
        code: result.code,
        signal: result.signal,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Starts a long-running command (journalctl -f, crictl logs -f). Closing the returned
   * channel stops the command on the node (docs/security.md "SSH": no orphans).
   */
  async stream(command: NodeCommand): Promise<ExecChannel> {
    return this.open(command, followArgv(command.argv));
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
