// Connecting one hop of a (possibly jumped) connection with ssh2's Client.
// docs/security.md › SSH: "Jump hosts: `forwardOut` on the bastion, the stream as `sock` for the next
// hop; verify every hop." Every hop gets its own hostVerifier and its own known-type ordering.
import ssh2, { type Algorithms, type Client, type ConnectConfig } from 'ssh2';
import type { Duplex } from 'node:stream';
import { makeAuthHandler, type AuthMethodName, type AuthPrompts, type AuthSecrets } from './auth.js';
import { SshTimeoutError } from './errors.js';
import { makeHostVerifier, type HostKeyPromptCallback } from './host-verifier.js';
import { loadKnownHosts, preferredHostKeyAlgorithms, type KnownHostsPaths } from './known-hosts/index.js';
import type { SshTarget } from './ssh-config.js';

// ssh2 is CommonJS: take values from the default export (named value imports fail under Node ESM).
const { Client: SshClient } = ssh2;

export interface HopOptions {
  hop: SshTarget;
  index: number;
  sock?: Duplex;
  knownHosts: KnownHostsPaths;
  hashKnownHosts: boolean;
  onHostKeyPrompt: HostKeyPromptCallback;
  prompts: AuthPrompts;
  secrets: AuthSecrets;
  agent: string | undefined;
  methods: AuthMethodName[];
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  readyTimeoutMs: number;
}

/** Connects and authenticates one hop; rejects with the precise HostKeyError/AuthError if any. */
export async function connectHop(o: HopOptions): Promise<Client> {
  const sources = await loadKnownHosts(o.knownHosts);
  const serverHostKey = preferredHostKeyAlgorithms(o.hop.hostName, o.hop.port, sources);
  return new Promise((resolve, reject) => {
    const client = new SshClient();
    let reason: Error | null = null;
    let done = false;
    const fail = (err: Error): void => {
      if (done) return;
      done = true;
      guard.stop();
      client.end();
      reject(reason ?? err);
    };
    // Our own handshake timer, paused while a person answers a prompt (ssh2's readyTimeout
    // would count that time and cut off a user reading a fingerprint).
    const guard = new HandshakeTimer(o.readyTimeoutMs, () =>
      fail(
        new SshTimeoutError(
          `no SSH handshake with ${o.hop.hostName}:${o.hop.port} within ${o.readyTimeoutMs} ms`,
        ),
      ),
    );
    const prompts = guard.wrapPrompts(o.prompts);
    const cfg: ConnectConfig = {
      host: o.hop.hostName,
      port: o.hop.port,
      username: o.hop.user,
      ...(o.sock ? { sock: o.sock } : {}),
      // docs/security.md › SSH: forward the agent only where the host's ssh_config says ForwardAgent.
      // ssh2 then asks for forwarding on every session channel of this hop; commands run only on
      // the last hop, so a bastion's ForwardAgent has no effect (as with ssh -J).
      ...(o.hop.forwardAgent && o.agent !== undefined ? { agent: o.agent, agentForward: true } : {}),
      // Always set (ssh2 accepts every key without it), two-argument async form.
      hostVerifier: makeHostVerifier({
        host: o.hop.hostName,
        port: o.hop.port,
        hop: o.index,
        knownHosts: o.knownHosts,
        hashKnownHosts: o.hashKnownHosts,
        onHostKeyPrompt: guard.wrap(o.onHostKeyPrompt),
        onRefused: (e) => (reason ??= e),
      }),
      algorithms: { serverHostKey: serverHostKey as Algorithms['serverHostKey'] },
      authHandler: makeAuthHandler({
        user: o.hop.user,
        host: o.hop.hostName,
        identityFiles: o.hop.identityFiles,
        identitiesOnly: o.hop.identitiesOnly,
        agent: o.agent,
        methods: o.methods,
        prompts,
        secrets: o.secrets,
        onFatal: (e) => (reason ??= e),
      }),
      keepaliveInterval: o.keepaliveIntervalMs,
      // ssh2 gives up when the count *exceeds* the max, one interval later than "max unanswered";
      // count − 1 makes 10 s × 3 mean "dead after 30 s", leaving margin under docs/security.md's 45 s.
      keepaliveCountMax: Math.max(0, o.keepaliveCountMax - 1),
      readyTimeout: 0, // replaced by HandshakeTimer
    };
    client.once('ready', () => {
      done = true;
      guard.stop();
      resolve(client);
    });
    client.on('error', (err: Error) => fail(err));
    client.once('close', () =>
      fail(new Error(`connection to ${o.hop.hostName}:${o.hop.port} closed during setup`)),
    );
    client.connect(cfg);
  });
}

/** Opens a TCP forward on `via` to the next hop, for use as its `sock`. */
export function forwardTo(via: Client, host: string, port: number, timeoutMs: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new SshTimeoutError(`forwarding to ${host}:${port} took longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
    via.forwardOut('127.0.0.1', 0, host, port, (err, stream) => {
      clearTimeout(timer);
      if (err) reject(new Error(`the jump host could not reach ${host}:${port}: ${err.message}`));
      else resolve(stream);
    });
  });
}

/** A timeout that does not run while any wrapped prompt is waiting for an answer. */
class HandshakeTimer {
  private timer: NodeJS.Timeout | undefined;
  private open = 0;
  private stopped = false;

  constructor(
    private readonly ms: number,
    private readonly onTimeout: () => void,
  ) {
    this.arm();
  }

  private arm(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.open > 0 ? undefined : this.onTimeout()), this.ms);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  wrap<A, R>(fn: (a: A) => Promise<R>): (a: A) => Promise<R> {
    return async (a: A) => {
      this.open++;
      clearTimeout(this.timer);
      try {
        return await fn(a);
      } finally {
        this.open--;
        if (this.open === 0) this.arm();
      }
    };
  }

  wrapPrompts(p: AuthPrompts): AuthPrompts {
    return {
      ...(p.onPassword ? { onPassword: this.wrap(p.onPassword) } : {}),
      ...(p.onPassphrase ? { onPassphrase: this.wrap(p.onPassphrase) } : {}),
      ...(p.onKeyboardInteractive ? { onKeyboardInteractive: this.wrap(p.onKeyboardInteractive) } : {}),
    };
  }
}
