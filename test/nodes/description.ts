/**
 * The JSON description of a running set of test nodes (`<stateDir>/nodes.json`).
 *
 * It is the contract between `nodes:up`, `nodes:down` and test suites: everything a test needs
 * to reach a node (ports, host keys, users, passwords, key paths) and everything `nodes:down`
 * needs to stop it (pids). It is parsed with zod because `nodes:down` reads a file another
 * process wrote, possibly from an older run.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ProfileNode } from './profiles/types';

export const KEY_TYPES = ['ed25519', 'ecdsa', 'rsa'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export const HostKeySchema = z.object({
  type: z.enum(KEY_TYPES),
  /** Private key file on the host (inside the node's state dir). */
  path: z.string(),
  /** The `.pub` line: `ssh-ed25519 AAAA… root@controlplane`. */
  publicKey: z.string(),
  /** `SHA256:…` exactly as `ssh-keygen -lf` prints it. */
  fingerprint: z.string(),
});
export type HostKey = z.infer<typeof HostKeySchema>;

export const ClientKeySchema = z.object({
  /** `ed25519`, `ecdsa`, `rsa`, or `ed25519-encrypted`. */
  name: z.string(),
  type: z.enum(KEY_TYPES),
  path: z.string(),
  publicKey: z.string(),
  fingerprint: z.string(),
  /** Only for the encrypted key. */
  passphrase: z.string().optional(),
});
export type ClientKey = z.infer<typeof ClientKeySchema>;

export const SUDO_MODES = ['nopasswd', 'password', 'none'] as const;
export type SudoMode = (typeof SUDO_MODES)[number];

export const UserSchema = z.object({
  name: z.string(),
  uid: z.number().int(),
  password: z.string(),
  /** Login shell; sshd runs remote commands through it. */
  shell: z.string(),
  /** Home as seen inside the node (`/home/<name>`). */
  home: z.string(),
  sudo: z.enum(SUDO_MODES),
});
export type TestUser = z.infer<typeof UserSchema>;

export const NodeInfoSchema = z.object({
  name: z.string(),
  role: z.enum(['control-plane', 'worker']),
  host: z.string(),
  port: z.number().int(),
  /** The `--node-ip` given to the simulated kubelet; its API server listens on <nodeIp>:6443. */
  nodeIp: z.string(),
  /** Host directory holding this node's files; `<nodeDir>/etc/kubernetes` is its /etc/kubernetes. */
  nodeDir: z.string(),
  hostKeys: z.array(HostKeySchema),
  sshdConfigPath: z.string(),
  sshdLogPath: z.string(),
  sshdPidFile: z.string(),
  /** Host pid of the sshd listener (changes when sshd is restarted). */
  sshdPid: z.number().int(),
  /** Host pid of `unshare`, the node's outermost process. */
  unsharePid: z.number().int(),
  /** Host pid of the namespace's init (pid 1 inside the node); nsenter targets it. */
  initPid: z.number().int(),
  /** `pid:[inode]` of the node's PID namespace, to find every process that belongs to it. */
  pidNamespace: z.string(),
  /** What the node's profile says about it (profiles/types.ts); absent in sets of older runs. */
  facts: z.custom<ProfileNode>((v) => typeof v === 'object' && v !== null).optional(),
  /** The profile's own node-local directories (layout.ts), bound from the node directory. */
  localDirs: z.array(z.string()).optional(),
});
export type NodeInfo = z.infer<typeof NodeInfoSchema>;

export const JumpHostSchema = z.object({
  /** The ssh_config Host alias, e.g. `node01-via-controlplane`. */
  alias: z.string(),
  target: z.string(),
  via: z.string(),
});
export type JumpHost = z.infer<typeof JumpHostSchema>;

export const NodeSetSchema = z.object({
  version: z.literal(1),
  stateDir: z.string(),
  sshConfigPath: z.string(),
  knownHostsPath: z.string(),
  /** The nodes' copy of kubelet.cjs, crictl.cjs, kubectl.cjs, journalctl.cjs (`<stateDir>/sandbox`). */
  sandboxDir: z.string(),
  maxSessions: z.number().int(),
  /** True when started by the CLI: the nodes outlive the process that started them. */
  detached: z.boolean(),
  startedAt: z.string(),
  users: z.array(UserSchema),
  clientKeys: z.array(ClientKeySchema),
  nodes: z.array(NodeInfoSchema),
  jumpHosts: z.array(JumpHostSchema),
  /** The nodes' kubectl: a real binary (its path) or the simulated one (kubectl-choice.ts). */
  kubectl: z.string().optional(),
  /** The set-up every node of the set has (profiles/index.ts); absent: kubeadm-ubuntu. */
  profile: z.string().optional(),
});
export type NodeSetInfo = z.infer<typeof NodeSetSchema>;

export const DESCRIPTION_FILE = 'nodes.json';

export function readNodeSet(file: string): NodeSetInfo {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return NodeSetSchema.parse(raw);
}
