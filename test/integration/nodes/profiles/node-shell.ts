/**
 * The profile suites' way onto a node: plain OpenSSH as each user would type it, and the
 * verbatim messages of the real tools the node runs (sudo, journalctl's words are
 * commands/journal-access.ts's, checked there against Debian's journalctl).
 */
import type { TestNodeSet } from '../../../nodes/index';
import { ssh, type Outcome } from '../helpers';

export type User = 'ks-admin' | 'ks-user';

/** Runs `command` on the set's first node as `user` (ks-admin has passwordless sudo). */
export function on(nodes: TestNodeSet, command: string, user: User = 'ks-admin'): Promise<Outcome> {
  return ssh(nodes, nodes.nodes[0]!.name, command, { user });
}

/** What Debian 12's journalctl 252 prints to a user outside systemd-journal and adm. */
export const JOURNAL_DENIED = [
  'Hint: You are currently not seeing messages from other users and the system.',
  "      Users in groups 'adm', 'systemd-journal' can see all messages.",
  '      Pass -q to turn off this notice.',
  'No journal files were opened due to insufficient permissions.',
  '',
].join('\n');

/** crictl's connection failure for a socket path and errno text (cri-tools v1.32, grpc-go). */
export function crictlDialError(endpoint: string, errno: string): string {
  const sock = endpoint.replace(/^unix:\/\//, '');
  return `validate service connection: validate CRI v1 runtime API for endpoint \\"${endpoint}\\": rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix ${sock}: connect: ${errno}\\"`;
}

/** `ps` as root on the node: comm, ppid and full args of every process. */
export async function processes(
  nodes: TestNodeSet,
): Promise<Array<{ pid: number; ppid: number; comm: string; args: string }>> {
  const out = await on(nodes, 'ps -eo pid=,ppid=,comm=,args= -ww');
  return out.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
      return { pid: Number(m?.[1]), ppid: Number(m?.[2]), comm: m?.[3] ?? '', args: m?.[4] ?? '' };
    });
}
