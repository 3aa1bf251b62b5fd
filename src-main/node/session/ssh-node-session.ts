/**
 * The NodeSession over an SSH connection, with root commands run as the login allows: directly
 * for root, through sudo where the user may (with or without a password), else not at all.
 * The core's SSH nodes (core/ssh-connector.ts) and the SSH tests build their sessions here.
 */
import type { SshConnection } from '../../ssh/connection';
import { toRemoteCommand } from '../../ssh/command-line';
import { collect } from '../../ssh/transport';
import { NodeSession, type Privilege } from './node-session';

/** Root commands run directly for root, through sudo where allowed, else not at all. */
async function detectPrivilege(connection: SshConnection): Promise<Privilege> {
  const id = await collect(await connection.transport.exec(toRemoteCommand(['id', '-u'])));
  if (id.stdout.toString().trim() === '0') return 'direct';
  const mode = await connection.sudo.detect();
  return mode === 'nopasswd' || mode === 'password' ? 'sudo' : 'unavailable';
}

/** A session on a connected SshConnection; `name` and `user` are for messages. */
export async function sshNodeSession(
  connection: SshConnection,
  name: string,
  user: string,
): Promise<NodeSession> {
  return new NodeSession({
    name,
    transport: connection.transport,
    privilege: await detectPrivilege(connection),
    sudo: connection.sudo,
    user,
  });
}
