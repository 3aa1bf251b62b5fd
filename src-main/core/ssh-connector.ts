/**
 * SSH nodes for the core: resolves the target as OpenSSH would (ssh_config, ProxyJump),
 * connects with strict host-key checking (the app's own known_hosts for new entries, the
 * user's and the system's files read-only), works out how root commands will run, and hands
 * the registry a NodeSession. Questions go to the user through the PromptBroker.
 *
 * Tests point it at the test nodes in two ways: in process, `createCore({ ssh: { sshConfig,
 * knownHosts, agent: null } })` (test/integration/core/ssh-node.test.ts); for a whole app
 * process (e2e), a HOME whose ~/.ssh/config names the nodes: `startServe([], { HOME:
 * makeSshHome(nodes, { user: 'ks-sudo', trust: false }) })` (test/support/ssh-home.ts).
 */
import path from 'node:path';
import { ContractError, type ConnectionState, type NodeSummary } from '../contract';
import { sshNodeSession } from '../node/session/ssh-node-session';
import { SshConnection } from '../ssh/connection';
import type { ConnectionState as SshState } from '../ssh/connection-state';
import { AuthError, HostKeyError } from '../ssh/errors';
import { defaultKnownHostsPaths, type KnownHostsPaths } from '../ssh/known-hosts';
import { resolveSshTarget, type SshConfigSource } from '../ssh/ssh-config';
import type { NodeConnector } from './node-registry';
import type { PromptBroker } from './prompt-broker';
import { sshPrompts } from './ssh-prompts';

export interface SshConnectorOptions {
  dataDir: string;
  prompts: PromptBroker;
  /** Where ~/.ssh/config is read from (tests give their own). */
  sshConfig?: SshConfigSource;
  knownHosts?: KnownHostsPaths;
  /** SSH_AUTH_SOCK; null never uses an agent. */
  agent?: string | null;
}

function toContractError(error: unknown, node: NodeSummary): ContractError {
  if (error instanceof ContractError) return error;
  if (error instanceof HostKeyError) {
    const code =
      error.verdict === 'revoked'
        ? 'host-key-revoked'
        : error.verdict === 'changed'
          ? 'host-key-changed'
          : 'host-key-unknown';
    return new ContractError({ code, message: error.message });
  }
  if (error instanceof AuthError) {
    return new ContractError({
      code: 'auth-failed',
      message: error.message,
      hint: 'Check the user, key or password and connect again.',
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ContractError({
    code: 'connection-lost',
    message: `Could not connect to ${node.name}: ${message}.`,
    hint: 'Check that the host is reachable and its sshd runs (ssh to it from a terminal), then connect again.',
  });
}

function mapState(state: SshState): { state: ConnectionState; reason?: string } | null {
  switch (state.kind) {
    case 'connected':
      return { state: 'connected' };
    case 'reconnecting':
      return { state: 'reconnecting', reason: state.reason };
    case 'failed':
      return { state: 'failed', reason: state.reason };
    default:
      return null;
  }
}

export function sshConnector(options: SshConnectorOptions): NodeConnector {
  return {
    async connect(node) {
      const target = resolveSshTarget(node.target, options.sshConfig ?? {});
      // Questions of this connection are withdrawn when it closes or fails to open.
      const questions = new AbortController();
      const prompts = sshPrompts(options.prompts, node.name, questions.signal);
      const connection = new SshConnection({
        target,
        nodeName: node.name,
        knownHosts: options.knownHosts ?? defaultKnownHostsPaths(path.join(options.dataDir, 'known_hosts')),
        onHostKeyPrompt: prompts.hostKey,
        prompts: prompts.auth,
        onSudoPassword: prompts.sudoPassword,
        ...(options.agent !== undefined ? { agent: options.agent } : {}),
      });
      try {
        await connection.connect();
        const session = await sshNodeSession(connection, node.name, target.user);
        return {
          session,
          close: async () => {
            questions.abort();
            connection.close();
          },
          onState(listener) {
            connection.onState((state) => {
              const mapped = mapState(state);
              if (mapped) listener(mapped.state, mapped.reason);
            });
          },
        };
      } catch (error) {
        questions.abort();
        connection.close();
        throw toContractError(error, node);
      }
    },
  };
}
