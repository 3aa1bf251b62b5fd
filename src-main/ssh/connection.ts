// One node session's SSH connection: jump chain, channel queue, keepalive, reconnect, sudo.
// docs/security.md › SSH: keepalive "about 10 s × 3"; "settle every pending call when a connection
// dies"; "queue channels below [MaxSessions]". Commands do not run here: its transport carries
// them for NodeSession (node/session/node-session.ts), the one way to run a command on a node.
import type { Client } from 'ssh2';
import type { AuthMethodName, AuthPrompts, AuthSecrets } from './auth.js';
import { ChannelQueue } from './channel-queue.js';
import { ConnectionStateMachine, type ConnectionState, type StateListener } from './connection-state.js';
import { ConnectionLostError, isPermanent, SshTimeoutError } from './errors.js';
import { connectHop, forwardTo } from './hop-connect.js';
import type { HostKeyPromptCallback } from './host-verifier.js';
import type { KnownHostsPaths } from './known-hosts/index.js';
import { lostError, openExecChannel, type ChannelSlot, type TrackedChannel } from './ssh-channel.js';
import { openSshShell } from './ssh-shell.js';
import type { SshTarget } from './ssh-config.js';
import { SudoSession, type SudoPasswordRequest } from './sudo.js';
import type { CommandTransport, ExecChannel, InteractiveShell, ShellSize } from './transport.js';

export interface ConnectionOptions {
  target: SshTarget;
  knownHosts: KnownHostsPaths;
  onHostKeyPrompt: HostKeyPromptCallback;
  prompts: AuthPrompts;
  onSudoPassword?: (req: SudoPasswordRequest) => Promise<string | null>;
  /** Node name for messages (defaults to the target alias). */
  nodeName?: string;
  /** SSH_AUTH_SOCK; default process.env.SSH_AUTH_SOCK; null = never use an agent. */
  agent?: string | null;
  methods?: AuthMethodName[];
  hashKnownHosts?: boolean;
  /** The server's MaxSessions (OpenSSH default 10); at most MaxSessions − 1 channels at once. */
  maxSessions?: number;
  channelOpenTimeoutMs?: number;
  readyTimeoutMs?: number;
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number; maxAttempts?: number } | false;
}

const DEFAULT_METHODS: AuthMethodName[] = ['agent', 'publickey', 'keyboard-interactive', 'password'];

export class SshConnection {
  private readonly machine = new ConnectionStateMachine();
  private readonly queue: ChannelQueue;
  private readonly secrets: AuthSecrets = { passwords: new Map(), passphrases: new Map() };
  private readonly tracked = new Set<TrackedChannel>();
  private clients: Client[] = [];
  private lost: Error | null = null;
  private everConnected = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  readonly sudo: SudoSession;
  /** The transport NodeSession and the sudo protocol run over: only toRemoteCommand() strings go in. */
  readonly transport: CommandTransport = {
    exec: (command) => this.openChannel(command),
    openShell: (size) => this.openShell(size),
  };

  constructor(private readonly o: ConnectionOptions) {
    this.queue = new ChannelQueue(Math.max(1, (o.maxSessions ?? 10) - 1));
    const node = o.nodeName ?? o.target.alias;
    this.sudo = new SudoSession(this.transport, {
      user: o.target.user,
      node,
      onPassword: o.onSudoPassword ?? (async () => null),
    });
  }

  get state(): ConnectionState {
    return this.machine.state;
  }

  onState(listener: StateListener): () => void {
    return this.machine.subscribe(listener);
  }

  /** Channels open or being opened right now (for tests and diagnostics). */
  get channelsInUse(): number {
    return this.queue.inUse;
  }

  /** First connection. Rejects (state 'failed') on any error; no automatic retry here. */
  async connect(): Promise<void> {
    const t = this.o.target;
    const withCommand = [...t.proxyJump, t].find((h) => h.proxyCommand !== undefined);
    if (withCommand) {
      // The app never runs local commands from ssh_config (same reason as Match exec).
      throw new Error(`${withCommand.alias}: ProxyCommand is not supported; use ProxyJump instead`);
    }
    this.machine.set({ kind: 'connecting', attempt: 1 });
    try {
      await this.establish();
    } catch (err) {
      this.machine.set({ kind: 'failed', reason: (err as Error).message, error: err as Error });
      throw err;
    }
  }

  private async establish(): Promise<void> {
    const t = this.o.target;
    const chain = [...t.proxyJump, t];
    const clients: Client[] = [];
    try {
      for (let i = 0; i < chain.length; i++) {
        const hop = chain[i] as SshTarget;
        const prev = clients[i - 1];
        const sock = prev
          ? await forwardTo(prev, hop.hostName, hop.port, this.o.channelOpenTimeoutMs ?? 15_000)
          : undefined;
        clients.push(
          await connectHop({
            hop,
            index: i,
            ...(sock ? { sock } : {}),
            knownHosts: this.o.knownHosts,
            hashKnownHosts: this.o.hashKnownHosts === true,
            onHostKeyPrompt: this.o.onHostKeyPrompt,
            prompts: this.o.prompts,
            secrets: this.secrets,
            agent: this.o.agent === null ? undefined : (this.o.agent ?? process.env.SSH_AUTH_SOCK),
            methods: this.o.methods ?? DEFAULT_METHODS,
            // Keepalive from ssh_config when set, else 10 s × 3 (docs/security.md › SSH).
            keepaliveIntervalMs: (hop.serverAliveInterval ?? 10) * 1000,
            keepaliveCountMax: hop.serverAliveCountMax ?? 3,
            readyTimeoutMs: this.o.readyTimeoutMs ?? 20_000,
          }),
        );
      }
    } catch (err) {
      for (const c of clients.reverse()) c.end();
      throw err;
    }
    if (this.state.kind === 'closed') {
      for (const c of clients.reverse()) c.end();
      throw new ConnectionLostError('connection closed by the app');
    }
    this.clients = clients;
    this.lost = null;
    for (const c of clients) {
      c.on('error', (e: Error) => this.handleLost(c, e.message));
      c.once('close', () => this.handleLost(c, 'connection closed'));
    }
    this.everConnected = true;
    this.machine.set({ kind: 'connected' });
  }

  /** Any hop dying kills the whole chain: fail every pending call, then reconnect. */
  private handleLost(client: Client, reason: string): void {
    if (!this.clients.includes(client) || this.state.kind === 'closed') return;
    const clients = this.clients;
    this.clients = [];
    this.lost = lostError(reason);
    for (const t of [...this.tracked]) t.fail(this.lost);
    this.queue.rejectAll(this.lost.message);
    for (const c of clients) c.end();
    this.scheduleReconnect(1, reason);
  }

  private scheduleReconnect(attempt: number, reason: string): void {
    const r = this.o.reconnect;
    if (r === false || !this.everConnected || attempt > (r?.maxAttempts ?? 20)) {
      const error = this.lost ?? new ConnectionLostError(reason);
      this.machine.set({ kind: 'failed', reason, error });
      return;
    }
    // Exponential back-off with jitter, so many nodes do not reconnect in lockstep.
    const base = Math.min((r?.initialDelayMs ?? 1000) * 2 ** (attempt - 1), r?.maxDelayMs ?? 30_000);
    const delayMs = Math.round(base * (0.8 + Math.random() * 0.4));
    this.machine.set({ kind: 'reconnecting', attempt, delayMs, reason });
    this.reconnectTimer = setTimeout(() => {
      if (this.state.kind === 'closed') return;
      this.machine.set({ kind: 'connecting', attempt: attempt + 1 });
      this.establish().catch((err: Error) => {
        if (this.state.kind === 'closed') return;
        if (isPermanent(err)) this.machine.set({ kind: 'failed', reason: err.message, error: err });
        else this.scheduleReconnect(attempt + 1, err.message);
      });
    }, delayMs);
  }

  private whenConnected(timeoutMs: number): Promise<void> {
    if (this.state.kind === 'connected') return Promise.resolve();
    return new Promise((resolve, reject) => {
      let unsubscribe = (): void => undefined;
      const timer = setTimeout(() => {
        unsubscribe();
        reject(this.lost ?? new SshTimeoutError(`not connected within ${timeoutMs} ms`));
      }, timeoutMs);
      unsubscribe = this.machine.subscribe((s) => {
        if (s.kind === 'connected') {
          clearTimeout(timer);
          queueMicrotask(() => unsubscribe());
          resolve();
        } else if (s.kind === 'failed' || s.kind === 'closed') {
          clearTimeout(timer);
          queueMicrotask(() => unsubscribe());
          reject(s.kind === 'failed' ? s.error : new ConnectionLostError('connection closed'));
        }
      });
    });
  }

  /**
   * Waits for the connection and a place in the channel queue (below MaxSessions), then gives
   * what a channel open needs: the last hop's client, the slot's release, and tracking so a
   * lost connection fails the channel.
   */
  private async channelSlot(): Promise<ChannelSlot> {
    const openTimeoutMs = this.o.channelOpenTimeoutMs ?? 15_000;
    await this.whenConnected(openTimeoutMs);
    const release = await this.queue.acquire(openTimeoutMs);
    const client = this.clients[this.clients.length - 1];
    if (!client || this.state.kind !== 'connected') {
      release();
      throw this.lost ?? new ConnectionLostError('not connected');
    }
    return {
      client,
      openTimeoutMs,
      release,
      track: (t: TrackedChannel) => {
        this.tracked.add(t);
        return () => this.tracked.delete(t);
      },
      lostError: () => this.lost,
    };
  }

  /** One queued exec channel for a toRemoteCommand() string. */
  private async openChannel(command: string): Promise<ExecChannel> {
    return openExecChannel({ ...(await this.channelSlot()), command });
  }

  /** CommandTransport: an interactive shell on a PTY (the terminal pane, ssh-shell.ts). */
  async openShell(size: ShellSize): Promise<InteractiveShell> {
    return openSshShell({ ...(await this.channelSlot()), size });
  }

  /** Closes everything; pending calls fail; the sudo password is forgotten. */
  close(): void {
    if (this.state.kind === 'closed') return;
    clearTimeout(this.reconnectTimer);
    this.lost = new ConnectionLostError('connection closed by the app');
    this.machine.set({ kind: 'closed' });
    for (const t of [...this.tracked]) t.fail(this.lost);
    this.queue.rejectAll(this.lost.message);
    for (const c of this.clients.reverse()) c.end();
    this.clients = [];
    this.sudo.forget();
    this.secrets.passwords.clear();
    this.secrets.passphrases.clear();
  }
}
