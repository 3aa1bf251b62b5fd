/**
 * The users every test node has, and the node-local user database built from them.
 *
 * The node's /etc/passwd, /etc/shadow and /etc/group are the host's files plus these users,
 * bind-mounted over the originals inside the node's mount namespace only, so sshd, PAM and
 * sudo see the users while the host's own user database never changes.
 */
import { readFileSync } from 'node:fs';
import type { SudoMode, TestUser } from './description';
import { run } from './process';

interface UserSpec {
  name: string;
  password: string;
  shell: string;
  sudo: SudoMode;
}

/**
 * The sudo matrix of docs/security.md test 11 (NOPASSWD, password, none), plus one user per
 * non-POSIX or minimal login shell for the quoting tests (test 13). The shell users get
 * NOPASSWD so those tests can also run privileged commands through fish, tcsh and dash.
 */
export const USER_SPECS: readonly UserSpec[] = [
  { name: 'ks-admin', password: 'ks-admin-pw', shell: '/bin/bash', sudo: 'nopasswd' },
  { name: 'ks-sudo', password: 'ks-sudo-pw', shell: '/bin/bash', sudo: 'password' },
  { name: 'ks-user', password: 'ks-user-pw', shell: '/bin/bash', sudo: 'none' },
  { name: 'ks-fish', password: 'ks-fish-pw', shell: '/usr/bin/fish', sudo: 'nopasswd' },
  { name: 'ks-tcsh', password: 'ks-tcsh-pw', shell: '/usr/bin/tcsh', sudo: 'nopasswd' },
  { name: 'ks-dash', password: 'ks-dash-pw', shell: '/bin/dash', sudo: 'nopasswd' },
];

/** Groups kubeadm nodes have that the host may not: `etcd` for owner-preservation tests. */
const EXTRA_GROUPS = ['etcd'] as const;

export interface UserDatabase {
  users: TestUser[];
  passwd: string;
  shadow: string;
  group: string;
  /** /etc/sudoers.d/kubelet-studio-tests */
  sudoersDropIn: string;
}

function idsIn(text: string): Set<number> {
  return new Set(
    text
      .split('\n')
      .map((line) => Number(line.split(':')[2]))
      .filter((n) => Number.isInteger(n)),
  );
}

/** First run of `count` consecutive ids from 2000 up that neither file uses. */
function freeIds(used: Set<number>, count: number): number[] {
  for (let base = 2000; base < 60000; base += 100) {
    const ids = Array.from({ length: count }, (_, i) => base + i);
    if (ids.every((id) => !used.has(id))) return ids;
  }
  throw new Error('no free uid/gid range for the test users');
}

/** sha512-crypt hashes (`$6$`), the format Debian's pam_unix and sshd check, one spawn for all. */
async function hashPasswords(passwords: readonly string[]): Promise<string[]> {
  const { stdout } = await run('openssl', ['passwd', '-6', '-stdin'], {
    input: passwords.map((p) => `${p}\n`).join(''),
  });
  const hashes = stdout.trim().split('\n');
  if (hashes.length !== passwords.length) throw new Error('openssl passwd returned too few hashes');
  return hashes;
}

function withNewline(text: string): string {
  return text.endsWith('\n') || text === '' ? text : `${text}\n`;
}

export async function buildUserDatabase(): Promise<UserDatabase> {
  const hostPasswd = readFileSync('/etc/passwd', 'utf8');
  const hostShadow = readFileSync('/etc/shadow', 'utf8');
  const hostGroup = readFileSync('/etc/group', 'utf8');
  const used = new Set([...idsIn(hostPasswd), ...idsIn(hostGroup)]);
  const ids = freeIds(used, USER_SPECS.length + EXTRA_GROUPS.length);
  const hashes = await hashPasswords(USER_SPECS.map((u) => u.password));
  // Days since the epoch: a last-change of 0 would force a password change at first login.
  const today = Math.floor(Date.now() / 86_400_000);

  const users: TestUser[] = USER_SPECS.map((spec, i) => ({
    ...spec,
    uid: ids[i]!,
    home: `/home/${spec.name}`,
  }));
  const passwd = users.map((u) => `${u.name}:x:${u.uid}:${u.uid}:${u.name}:${u.home}:${u.shell}\n`);
  const shadow = users.map((u, i) => `${u.name}:${hashes[i]}:${today}:0:99999:7:::\n`);
  const group = [
    ...users.map((u) => `${u.name}:x:${u.uid}:\n`),
    ...EXTRA_GROUPS.map((g, i) => `${g}:x:${ids[USER_SPECS.length + i]}:\n`),
  ];
  const sudoLines = users.flatMap((u) =>
    u.sudo === 'nopasswd'
      ? [`${u.name} ALL=(ALL:ALL) NOPASSWD: ALL\n`]
      : u.sudo === 'password'
        ? [`${u.name} ALL=(ALL:ALL) ALL\n`]
        : [],
  );

  return {
    users,
    passwd: withNewline(hostPasswd) + passwd.join(''),
    shadow: withNewline(hostShadow) + shadow.join(''),
    group: withNewline(hostGroup) + group.join(''),
    sudoersDropIn: `# Kubelet Studio test users (test/nodes/users.ts)\n${sudoLines.join('')}`,
  };
}
