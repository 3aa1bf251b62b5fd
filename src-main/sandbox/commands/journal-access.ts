/**
 * What journalctl says to a user who may not read the system journal. journald's files are
 * root:systemd-journal 0640 (Debian also gives the `adm` group read access through an ACL on
 * /var/log/journal), so another user opens none of them; journalctl 252 (Debian 12) then prints
 * a hint naming the groups that may read, unless -q or a JSON output mode, and fails
 * [seen: Debian 12 journalctl 252.39 run as an unprivileged user on a journal directory with
 * Debian's ACL — the lines below verbatim, on stderr, exit status 1, nothing on stdout; the same
 * text quoted from Ubuntu in a public report without the last hint line]:
 *
 *   Hint: You are currently not seeing messages from other users and the system.
 *         Users in groups 'adm', 'systemd-journal' can see all messages.
 *         Pass -q to turn off this notice.
 *   No journal files were opened due to insufficient permissions.
 */
import fs from 'node:fs';

export const NO_PERMISSION = 'No journal files were opened due to insufficient permissions.';

export const GROUPS_HINT = [
  'Hint: You are currently not seeing messages from other users and the system.',
  "      Users in groups 'adm', 'systemd-journal' can see all messages.",
  '      Pass -q to turn off this notice.',
].join('\n');

/** gids of the named groups in /etc/group. */
function gidsOf(names: readonly string[]): number[] {
  try {
    return fs
      .readFileSync('/etc/group', 'utf8')
      .split('\n')
      .map((line) => line.split(':'))
      .filter((f) => names.includes(f[0] ?? ''))
      .map((f) => Number(f[2]));
  } catch {
    return [];
  }
}

/** journalctl's access_check_var_log_journal: root and members of the groups get no hint. */
export function mayGetHint(): boolean {
  if (typeof process.getuid !== 'function' || process.getuid() === 0) return false;
  const mine = new Set([process.getgid?.() ?? -1, ...(process.getgroups?.() ?? [])]);
  return !gidsOf(['systemd-journal', 'adm']).some((gid) => mine.has(gid));
}

/** stderr text for an unreadable journal. */
export function permissionDeniedText(opts: { quiet: boolean; jsonOutput: boolean }): string {
  const hint = !opts.quiet && !opts.jsonOutput && mayGetHint();
  return `${hint ? `${GROUPS_HINT}\n` : ''}${NO_PERMISSION}\n`;
}
