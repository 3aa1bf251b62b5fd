/**
 * The OpenSSH configuration files of a node set: each node's own sshd_config, and for clients
 * an ssh_config plus the known_hosts it points at, so `ssh -F <ssh_config> controlplane` works
 * from a plain shell with strict host-key checking.
 */
import type { ClientKey, HostKey, JumpHost, TestUser } from './description';

export interface SshdConfigInput {
  port: number;
  hostKeyPaths: readonly string[];
  pidFile: string;
  maxSessions: number;
  users: readonly TestUser[];
}

export function sshdConfig(input: SshdConfigInput): string {
  return [
    '# Written by test/nodes (Kubelet Studio test node); not the system sshd.',
    `Port ${input.port}`,
    'ListenAddress 127.0.0.1',
    ...input.hostKeyPaths.map((p) => `HostKey ${p}`),
    `PidFile ${input.pidFile}`,
    // VERBOSE logs every auth attempt and key fingerprint: tests assert that nothing was tried
    // before the client accepted the host key (docs/security.md test 1).
    'LogLevel VERBOSE',
    `MaxSessions ${input.maxSessions}`,
    // Many parallel connections in the concurrency tests: OpenSSH's default 10:30:100 would
    // randomly drop unauthenticated connections beyond ten.
    'MaxStartups 200',
    'PermitRootLogin no',
    `AllowUsers ${input.users.map((u) => u.name).join(' ')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication yes',
    // PAM reads the node's bind-mounted /etc/shadow, so password and keyboard-interactive
    // logins work as on a real Debian node.
    'UsePAM yes',
    'AuthorizedKeysFile .ssh/authorized_keys',
    'StrictModes yes',
    'AllowTcpForwarding yes',
    'X11Forwarding no',
    'PrintMotd no',
    'PrintLastLog no',
    'UseDNS no',
    'AcceptEnv LANG LC_*',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    '',
  ].join('\n');
}

export interface ClientNode {
  name: string;
  port: number;
  hostKeys: readonly HostKey[];
}

/** `[127.0.0.1]:PORT <key>` lines: how OpenSSH records a host on a non-22 port. */
export function knownHosts(nodes: readonly ClientNode[]): string {
  return nodes
    .flatMap((n) =>
      n.hostKeys.map((k) => {
        const [type, blob] = k.publicKey.split(/\s+/);
        return `[127.0.0.1]:${n.port} ${type} ${blob}\n`;
      }),
    )
    .join('');
}

/** node01 through controlplane, node02 through controlplane, … for the jump-host tests. */
export function jumpHostsFor(nodes: readonly ClientNode[]): JumpHost[] {
  const [first, ...rest] = nodes;
  if (!first) return [];
  return rest.map((n) => ({ alias: `${n.name}-via-${first.name}`, target: n.name, via: first.name }));
}

export interface SshConfigInput {
  nodes: readonly ClientNode[];
  jumpHosts: readonly JumpHost[];
  knownHostsPath: string;
  /** The unencrypted ed25519 key: BatchMode cannot ask for a passphrase. */
  identity: ClientKey;
  user: string;
}

export function sshConfig(input: SshConfigInput): string {
  const common = [
    `  User ${input.user}`,
    `  IdentityFile ${input.identity.path}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${input.knownHostsPath}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    // Never let ssh rewrite the known_hosts the tests compare against.
    '  UpdateHostKeys no',
  ];
  const blocks = input.nodes.map((n) =>
    [`Host ${n.name}`, '  HostName 127.0.0.1', `  Port ${n.port}`, ...common].join('\n'),
  );
  const jumps = input.jumpHosts.map((j) => {
    const target = input.nodes.find((n) => n.name === j.target);
    if (!target) throw new Error(`jump target ${j.target} is not a node`);
    return [
      `Host ${j.alias}`,
      '  HostName 127.0.0.1',
      `  Port ${target.port}`,
      `  ProxyJump ${j.via}`,
      ...common,
    ].join('\n');
  });
  return `# Written by test/nodes: ssh -F <this file> <node>\n\n${[...blocks, ...jumps].join('\n\n')}\n`;
}
