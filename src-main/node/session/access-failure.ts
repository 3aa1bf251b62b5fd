/**
 * A command that failed because the login user may not read something, told apart from one
 * that found nothing: a view run without root must say what it could not read and why, never
 * report it empty or missing (docs/architecture.md "Say what could not be read"). The messages
 * recognised are the tools' own:
 * - any tool: `Permission denied` (EACCES) / `Operation not permitted` (EPERM) — GNU
 *   `cat: /x: Permission denied`, busybox `cat: can't open '/x': Permission denied`, GNU
 *   `find: '/x': Permission denied`, GNU tar `tar: x: Cannot open: Permission denied`;
 * - journalctl (systemd journalctl.c `access_check`): `No journal files were opened due to
 *   insufficient permissions.`, and the hint `You are currently not seeing messages from other
 *   users and the system.` when only the user's own journal could be opened;
 * - crictl through gRPC: `dial unix /run/containerd/containerd.sock: connect: permission denied`;
 * - kubectl (client-go clientcmd): `error loading config file "/etc/kubernetes/admin.conf": open
 *   /etc/kubernetes/admin.conf: permission denied`.
 */

export type AccessFailureKind = 'permission' | 'journal-permission' | 'journal-partial' | 'socket-permission';

export interface AccessFailure {
  kind: AccessFailureKind;
  /** The path or socket refused, when the message names one. */
  target: string | null;
  /** In words, with the user: "no permission as ks-user to read /etc/kubernetes/manifests/etcd.yaml". */
  reason: string;
}

const JOURNAL_DENIED = /No journal files were opened due to insufficient permissions/;
const JOURNAL_PARTIAL = /You are currently not seeing messages from (other users and )?the system/;
const SOCKET_DENIED = /dial unix ([^:\s"]+): connect: permission denied/;
const CONFIG_DENIED = /error loading config file "([^"]+)": open [^:]+: permission denied/;
const DENIED = /Permission denied|Operation not permitted/i;

/** The path a refusal line names: quoted ('/x', "/x") first, else the first bare /path. */
function pathIn(line: string): string | null {
  const quoted = /['"](\/[^'"\n]*)['"]/.exec(line);
  if (quoted) return quoted[1] ?? null;
  const bare = /(?:^|\s)(\/[^\s:'"]+)/.exec(line);
  return bare?.[1] ?? null;
}

/** Reads a command's stderr (bounded) for a refusal; null when it is not one. */
export function accessFailure(stderr: string, user: string): AccessFailure | null {
  const text = stderr.length > 65_536 ? stderr.slice(0, 65_536) : stderr;
  const as = user ? ` as ${user}` : '';
  if (JOURNAL_DENIED.test(text)) {
    return {
      kind: 'journal-permission',
      target: null,
      reason: `the system journal is readable only by root and the groups systemd-journal and adm; no permission${as}`,
    };
  }
  if (JOURNAL_PARTIAL.test(text)) {
    return {
      kind: 'journal-partial',
      target: null,
      reason: `journalctl shows ${user || 'this user'} only its own messages, not the system's (not in the systemd-journal or adm group)`,
    };
  }
  const socket = SOCKET_DENIED.exec(text);
  if (socket) {
    return {
      kind: 'socket-permission',
      target: socket[1] ?? null,
      reason: `no permission${as} to connect to the runtime socket ${socket[1] ?? ''} (it is root's)`.trim(),
    };
  }
  const config = CONFIG_DENIED.exec(text);
  if (config) {
    return {
      kind: 'permission',
      target: config[1] ?? null,
      reason: `no permission${as} to read ${config[1]}`,
    };
  }
  const line = text.split('\n').find((l) => DENIED.test(l));
  if (line !== undefined) {
    const target = pathIn(line);
    return {
      kind: 'permission',
      target,
      reason: target ? `no permission${as} to read ${target}` : `no permission${as}`,
    };
  }
  return null;
}
