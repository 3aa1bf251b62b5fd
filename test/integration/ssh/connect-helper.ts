// Builds SshConnections to the test nodes with scripted prompts that record what was asked,
// and the NodeSession on them that the app would use: commands run through it, the one way the
// app runs a command on a node.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandOutput, NodeCommand } from '../../../src-main/node/session/node-command.js';
import type { NodeSession, RunOptions } from '../../../src-main/node/session/node-session.js';
import { sshNodeSession } from '../../../src-main/node/session/ssh-node-session.js';
import type { ArgvInput } from '../../../src-main/ssh/command-line.js';
import type { AuthMethodName, AuthPrompts } from '../../../src-main/ssh/auth.js';
import { SshConnection, type ConnectionOptions } from '../../../src-main/ssh/connection.js';
import type { HostKeyPrompt } from '../../../src-main/ssh/host-verifier.js';
import type { SshTarget } from '../../../src-main/ssh/ssh-config.js';
import type { TestNodeSet } from '../../nodes/index.js';

const madeDirs: string[] = [];

/** A temp dir removed by removeTempDirs() (call it in afterAll). */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.push(d);
  return d;
}

export function removeTempDirs(): void {
  for (const d of madeDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface Asked {
  hostKey: HostKeyPrompt[];
  password: number;
  passphrase: number;
  keyboard: number;
  sudo: number;
}

export interface ConnectSpec {
  user?: string;
  node?: string;
  keys?: string[];
  identitiesOnly?: boolean;
  forwardAgent?: boolean;
  methods?: AuthMethodName[];
  password?: string | null;
  passphrase?: string | null;
  sudoPassword?: string | null;
  /** Trust the test nodes' known_hosts (default) or start from an empty one. */
  trustNodes?: boolean;
  acceptUnknown?: boolean;
  /** Runs inside the host-key prompt before it answers (e.g. to read the sshd log). */
  duringHostKeyPrompt?: () => Promise<void>;
  appFile?: string;
  extra?: Partial<ConnectionOptions>;
  /** A target resolved elsewhere (e.g. from the nodes' ssh_config). */
  target?: SshTarget;
}

export function target(nodes: TestNodeSet, spec: ConnectSpec): SshTarget {
  const node = nodes.node(spec.node ?? 'controlplane');
  return {
    alias: node.name,
    hostName: '127.0.0.1',
    user: spec.user ?? 'ks-admin',
    port: node.port,
    identityFiles: spec.keys ?? [nodes.key('ed25519').path],
    identityFilesFromConfig: true,
    identitiesOnly: spec.identitiesOnly ?? true,
    proxyJump: [],
    forwardAgent: spec.forwardAgent ?? false,
  };
}

export function makeConnection(
  nodes: TestNodeSet,
  spec: ConnectSpec = {},
): { conn: SshConnection; asked: Asked; appFile: string } {
  const asked: Asked = { hostKey: [], password: 0, passphrase: 0, keyboard: 0, sudo: 0 };
  const appFile = spec.appFile ?? join(tempDir('ks-app-'), 'known_hosts');
  const prompts: AuthPrompts = {
    onPassword: async () => {
      asked.password++;
      return spec.password ?? null;
    },
    onPassphrase: async () => {
      asked.passphrase++;
      return spec.passphrase ?? null;
    },
    onKeyboardInteractive: async (req) => {
      asked.keyboard++;
      return req.prompts.map(() => spec.password ?? '');
    },
  };
  const conn = new SshConnection({
    target: spec.target ?? target(nodes, spec),
    knownHosts: {
      userFiles: spec.trustNodes === false ? [] : [nodes.knownHostsPath],
      systemFiles: [],
      appFile,
    },
    onHostKeyPrompt: async (p) => {
      asked.hostKey.push(p);
      await spec.duringHostKeyPrompt?.();
      return spec.acceptUnknown === true;
    },
    prompts,
    onSudoPassword: async () => {
      asked.sudo++;
      return spec.sudoPassword ?? null;
    },
    nodeName: spec.node ?? 'controlplane',
    agent: null,
    methods: spec.methods ?? ['publickey'],
    ...spec.extra,
  });
  return { conn, asked, appFile };
}

/** makeConnection, connected, with the session the app builds on it (privilege detected). */
export async function connectSession(
  nodes: TestNodeSet,
  spec: ConnectSpec = {},
): Promise<ReturnType<typeof makeConnection> & { session: NodeSession }> {
  const made = makeConnection(nodes, spec);
  await made.conn.connect();
  const session = await sshNodeSession(made.conn, spec.node ?? 'controlplane', spec.user ?? 'ks-admin');
  return { ...made, session };
}

/** `session.run` of argv, as root when `privileged`. */
export function run(
  session: NodeSession,
  argv: ArgvInput,
  opts: Omit<NodeCommand, 'purpose' | 'argv'> & RunOptions = {},
): Promise<CommandOutput> {
  const { signal, ...command } = opts;
  return session.run({ purpose: `run ${String(argv[0])}`, argv, ...command }, { signal });
}
