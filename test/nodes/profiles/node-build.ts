/**
 * Turning a profile's NodeBuild into the node: its files are staged on the host in
 * `<nodeDir>/rootfs/<path>` and copied into place by the node's init once its mounts are up
 * (so a file lands in whatever backs its directory inside the node: an overlay's tmpfs layer,
 * or a node-local directory the host can read), hidden host files are removed from the node's
 * overlays (which whites them out inside the node only), the journal gets journald's
 * permissions, and the kubelet's side is started as the profile's "systemd" would start it.
 */
import { chmod, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LaunchSpec, NodeBuild } from './types';

/** Where the init script of a node finds the line that (re)starts its kubelet's side. */
export function launchScript(nodeDir: string): string {
  return path.join(nodeDir, 'launch.sh');
}

/** Host directory whose tree the init copies onto the node's `/`. */
export function rootfsDir(nodeDir: string): string {
  return path.join(nodeDir, 'rootfs');
}

export async function stageProfileFiles(nodeDir: string, build: NodeBuild): Promise<void> {
  const root = rootfsDir(nodeDir);
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true, mode: 0o755 });
  for (const file of build.files) {
    const target = path.join(root, file.path);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
    if (file.symlink !== undefined) {
      await symlink(file.symlink, target);
      continue;
    }
    const mode = file.mode ?? 0o644;
    await writeFile(target, file.content ?? '', { mode });
    await chmod(target, mode); // writeFile's mode is filtered by the umask
  }
}

/** Single-quotes a word for sh. */
function q(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** journald's permissions on the journal: 2755 root:systemd-journal, files 0640 (systemd-journald.service(8)). */
export const JOURNAL_SETUP = [
  'mkdir -p /var/log/journal',
  'chgrp systemd-journal /var/log/journal && chmod 2755 /var/log/journal',
  ': >> /var/log/journal/kubelet.jsonl',
  'chgrp systemd-journal /var/log/journal/kubelet.jsonl && chmod 0640 /var/log/journal/kubelet.jsonl',
].join('\n');

/** Shell lines the init runs after its mounts, before the services start. */
export function profileSetupLines(nodeDir: string, build: NodeBuild): string {
  const lines = [
    `# The profile's files (test/nodes/profiles), then host files this set-up does not have.`,
    `cp -a ${q(rootfsDir(nodeDir))}/. /`,
    ...build.hidden.map((f) => `rm -f ${q(f)}`),
    ...build.absentDirs.map((d) => `umount ${q(d)} && rmdir ${q(d)}`),
    JOURNAL_SETUP,
  ];
  return lines.join('\n');
}

/**
 * The sh line that starts the kubelet's side in the background, with the profile's argv[0]
 * (bash's `exec -a`: the process's comm is the file's name, its argv[0] what `ps` shows), its
 * environment and working directory, output appended to /var/log/kubelet-sim.out through a pipe:
 * under systemd a kubelet's stdout and stderr are a stream to journald, never a regular file (a
 * file there means a kubelet run with a redirect, whose log is that file — kubelet-log-location.ts).
 */
export function launchLine(launch: LaunchSpec): string {
  const env = Object.entries(launch.env).map(([k, v]) => q(`${k}=${v}`));
  const argv = [launch.argv0, launch.file, ...launch.args].map(q).join(' ');
  return (
    `(cd ${q(launch.cwd ?? '/')} && exec env ${env.join(' ')} /bin/bash -c 'exec -a "$0" "$@"' ${argv})` +
    ' </dev/null 2>&1 | cat >>/var/log/kubelet-sim.out &'
  );
}
