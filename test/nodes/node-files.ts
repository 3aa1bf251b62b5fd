/**
 * Writes a node's directory on the host before its namespace starts: the node-local /etc
 * files, users' homes with authorized_keys, the command wrappers that put the simulated
 * crictl/kubectl/journalctl on PATH. Kubernetes files are the simulated kubelet's to write.
 */
import { chmod, chown, cp, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClientKey } from './description';
import { authorizedKeys } from './keys';
import type { NodeLayout } from './layout';
import type { UserDatabase } from './users';
import type { NodeBuild } from './profiles/types';

export interface NodeFilesInput {
  layout: NodeLayout;
  name: string;
  db: UserDatabase;
  clientKeys: readonly ClientKey[];
  sandboxDir: string;
  /** A real kubectl binary to put on PATH instead of the simulated one (kubectl-choice.ts). */
  realKubectl?: string;
  /** The profile's say on /usr/local/bin and the node's sudoers (profiles/types.ts NodeBuild). */
  build: Pick<NodeBuild, 'localBinCommands' | 'localBinKubelet' | 'sudoers'>;
}

/** The simulated node commands, each a bundle `<sandboxDir>/<name>.cjs`. */
export const SANDBOX_COMMANDS = ['crictl', 'kubectl', 'journalctl'] as const;

async function writeMode(file: string, text: string, mode: number): Promise<void> {
  await writeFile(file, text, { mode });
  await chmod(file, mode); // writeFile's mode is filtered by the umask
}

async function writeEtc(input: NodeFilesInput): Promise<void> {
  const { layout, name, db } = input;
  const etc = (f: string) => path.join(layout.etcDir, f);
  await writeMode(etc('passwd'), db.passwd, 0o644);
  await writeMode(etc('group'), db.group, 0o644);
  await writeMode(etc('shadow'), db.shadow, 0o640);
  await writeMode(etc('hostname'), `${name}\n`, 0o644);
  // sudo looks its own hostname up and warns "unable to resolve host" on stderr otherwise.
  const hosts = existsSync('/etc/hosts') ? readFileSync('/etc/hosts', 'utf8') : '';
  await writeMode(etc('hosts'), `127.0.1.1\t${name}\n${hosts}`, 0o644);
  // sudo refuses a sudoers file that is not root-owned 0440.
  const sudoers = input.build.sudoers(readFileSync('/etc/sudoers', 'utf8'));
  await writeMode(etc('sudoers'), sudoers, 0o440);
  const sudoersD = etc('sudoers.d');
  if (existsSync('/etc/sudoers.d')) {
    for (const entry of await readdir('/etc/sudoers.d')) {
      await cp(path.join('/etc/sudoers.d', entry), path.join(sudoersD, entry), { preserveTimestamps: true });
    }
  }
  await writeMode(path.join(sudoersD, 'kubelet-studio-tests'), db.sudoersDropIn, 0o440);
}

/** Homes as sshd's StrictModes wants them: owned by the user, .ssh 0700, authorized_keys 0600. */
async function writeHomes(input: NodeFilesInput): Promise<void> {
  await chmod(input.layout.homeDir, 0o755);
  const keys = authorizedKeys(input.clientKeys);
  for (const user of input.db.users) {
    const home = path.join(input.layout.homeDir, user.name);
    const sshDir = path.join(home, '.ssh');
    await mkdir(sshDir, { recursive: true });
    await writeMode(path.join(sshDir, 'authorized_keys'), keys, 0o600);
    await chmod(sshDir, 0o700);
    await chmod(home, 0o755);
    for (const p of [home, sshDir, path.join(sshDir, 'authorized_keys')]) {
      await chown(p, user.uid, user.uid);
    }
  }
}

/** `exec node <bundle>` wrappers; `node` by absolute path so sudo's secure_path cannot matter. */
async function writeBin(input: NodeFilesInput): Promise<void> {
  const { layout, sandboxDir } = input;
  for (const dir of [layout.binDir, layout.sbinDir]) {
    for (const cmd of input.build.localBinCommands) {
      if (cmd === 'kubectl' && input.realKubectl) {
        await symlink(input.realKubectl, path.join(dir, cmd));
        continue;
      }
      const bundle = path.join(sandboxDir, `${cmd}.cjs`);
      await writeMode(path.join(dir, cmd), `#!/bin/sh\nexec ${process.execPath} ${bundle} "$@"\n`, 0o755);
    }
    await chmod(dir, 0o755);
  }
  // argv[0] "kubelet" and comm "kubelet": `ps -C kubelet` finds the daemon as on a real node.
  if (input.build.localBinKubelet) await symlink(process.execPath, path.join(layout.binDir, 'kubelet'));
  await linkHostEntries('/usr/local/bin', layout.binDir, layout);
  await linkHostEntries('/usr/local/sbin', layout.sbinDir, layout);
}

/**
 * The node's /usr/local/bin hides the host's, so link each host entry through the host's
 * /usr/local, which the init script binds into the node's scratch tmpfs first (the link
 * target resolves inside the node; relative symlinks in the host tree keep working).
 */
async function linkHostEntries(hostDir: string, nodeDir: string, layout: NodeLayout): Promise<void> {
  if (!existsSync(hostDir)) return;
  const viaScratch = path.join(hostUsrLocalView(layout), path.basename(hostDir));
  for (const entry of await readdir(hostDir)) {
    const link = path.join(nodeDir, entry);
    if (existsSync(link)) continue; // our wrappers win over a host command of the same name
    await symlink(path.join(viaScratch, entry), link);
  }
}

/** Inside the node: the host's /usr/local, bound into the scratch tmpfs. */
export function hostUsrLocalView(layout: NodeLayout): string {
  return path.join(layout.scratchDir, 'host-usr-local');
}

export async function writeNodeFiles(input: NodeFilesInput): Promise<void> {
  const { layout } = input;
  for (const dir of layout.dirs) await mkdir(dir, { recursive: true });
  await chmod(path.join(layout.nodeDir, 'tmp'), 0o1777);
  await chmod(path.join(layout.nodeDir, 'root'), 0o700);
  await mkdir(path.join(layout.etcDir, 'sudoers.d'), { recursive: true });
  await writeEtc(input);
  await writeHomes(input);
  await writeBin(input);
}
