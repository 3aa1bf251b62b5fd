/**
 * The shell script that runs as pid 1 of a node's namespaces (started by `unshare`).
 *
 * It builds the node's view of the file system with mounts that exist only in this mount
 * namespace (private propagation: nothing shows on the host and everything vanishes with the
 * namespace), starts the simulated kubelet and sshd, then waits as the namespace's init,
 * reaping orphans (dash's foreground wait reaps any child, not only its own job).
 *
 * Host safety: /etc and /var/lib get an overlay whose upper layer is a tmpfs, so mount points
 * such as /etc/kubernetes can be created, and anything root does to /etc inside a node, without
 * writing the host's /etc. Other targets are bound only if they already exist on the host.
 *
 * Any clone location: the node's /tmp, /home, /root, … hide the host's, and so the state dir
 * too when the repository lies below one (as most clones do). The script therefore runs in
 * the state dir and names the host files in it relative to it: a working directory stays the
 * directory it was even once its absolute name leads elsewhere. After the node-local mounts it
 * binds the state dir back at its own path, so sshd, the kubelet, the command wrappers and
 * nodes.json's paths mean the same inside and outside, and the node still sees only its own
 * /tmp, /home, /root. The node binary, when it lives in such a directory (nvm under $HOME), is
 * held open the same way and bound back, read-only.
 */
import path from 'node:path';
import type { BindMount, NodeLayout } from './layout';
import { isUnder, nodeLocalRootOf, runKubeletSimDir } from './layout';
import { hostUsrLocalView } from './node-files';

/**
 * Directories given a tmpfs-backed overlay inside the node. /usr too, so that a profile can add
 * files there (unit files in /usr/lib/systemd/system) and hide host ones (a host kubectl).
 */
const OVERLAID = ['/etc', '/var/lib', '/usr'] as const;

/** Single-quotes a word for sh. */
export function shq(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface InitScriptInput {
  layout: NodeLayout;
  name: string;
  /** The node program the kubelet and the command wrappers run (node-files.ts). */
  nodeBinary: string;
  /** Shell lines run after the mounts (the profile's files, test/nodes/profiles/node-build.ts). */
  profileSetup: string;
  /** The sh command that starts the kubelet's side in the background (node-build.ts launchLine). */
  launch: string;
}

/**
 * A host path as the script names it: relative to the state dir (its working directory) when
 * inside it. Such names also keep commas and colons of a clone's path out of mount options.
 */
function hostRef(layout: NodeLayout, file: string): string {
  return isUnder(layout.stateDir, file) ? path.relative(layout.stateDir, file) || '.' : file;
}

/**
 * `mount -c`: the source as written. Without -c, mount first makes a relative name absolute
 * (and /proc/self/fd/N the name of what it points to), which may name a hidden path by then.
 */
const MOUNT = 'mount -c';

/** The node binary needs carrying when the node hides its directory (not for an overlay: readable). */
export function carriesNodeBinary(nodeBinary: string): boolean {
  const root = nodeLocalRootOf(nodeBinary);
  return root !== undefined && !(OVERLAID as readonly string[]).includes(root);
}

function bindLine(layout: NodeLayout, { source, target, kind }: BindMount): string {
  const from = shq(hostRef(layout, source));
  const inOverlay = OVERLAID.some((d) => target.startsWith(`${d}/`));
  if (inOverlay) {
    const make = kind === 'dir' ? `mkdir -p ${shq(target)}` : `[ -e ${shq(target)} ] || : > ${shq(target)}`;
    return `${make}; ${MOUNT} --bind ${from} ${shq(target)}`;
  }
  // Outside the overlays a missing target would have to be created on the host: skip it.
  return `if [ -e ${shq(target)} ]; then ${MOUNT} --bind ${from} ${shq(target)}; else echo "skip ${target}: not on this host" >&2; fi`;
}

/** Binds the node binary, open on fd 8 since the start, back at its own path, read-only. */
function nodeBinaryBindBack(nodeBinary: string): string {
  const file = shq(nodeBinary);
  return [
    `mkdir -p ${shq(path.dirname(nodeBinary))}; [ -e ${file} ] || : > ${file}`,
    `${MOUNT} --bind /proc/self/fd/8 ${file}`,
    `${MOUNT} -o remount,bind,ro ${file}`,
    'exec 8<&-',
  ].join('\n');
}

export function initScript(input: InitScriptInput): string {
  const { layout, name } = input;
  const scratch = hostRef(layout, layout.scratchDir);
  const carryNode = carriesNodeBinary(input.nodeBinary);
  const overlays = OVERLAID.map((dir) => {
    const id = dir.slice(1).replace(/\//g, '-');
    const upper = `${scratch}/${id}/upper`;
    const work = `${scratch}/${id}/work`;
    return [
      `mkdir -p ${shq(upper)} ${shq(work)}`,
      `${MOUNT} -t overlay ks-${id} -o ${shq(`lowerdir=${dir},upperdir=${upper},workdir=${work}`)} ${dir}`,
    ].join('\n');
  });
  return `#!/bin/sh
# Test node ${name}: pid 1 of its namespaces. Generated by test/nodes/init-script.ts.
set -eu
# Host files below are named relative to the state dir: see init-script.ts.
cd ${shq(layout.stateDir)}
${carryNode ? `exec 8< ${shq(input.nodeBinary)}\n` : ''}hostname ${shq(name)}

# A private scratch tmpfs for overlay upper layers and the view of the host's /usr/local.
${MOUNT} -t tmpfs -o mode=0755,size=64m ks-scratch ${shq(scratch)}
mkdir -p ${shq(hostRef(layout, hostUsrLocalView(layout)))}
${MOUNT} --bind /usr/local ${shq(hostRef(layout, hostUsrLocalView(layout)))}
${overlays.join('\n')}

${layout.binds.map((b) => bindLine(layout, b)).join('\n')}

# A fresh /run as after boot: sshd's privilege-separation dir, sudo's timestamps, the kubelet socket.
mount -t tmpfs -o mode=0755,size=64m ks-run /run
mkdir -p /run/sshd /run/lock /run/kubelet-sim
chmod 1777 /run/lock
${MOUNT} --bind ${shq(hostRef(layout, runKubeletSimDir(layout)))} /run/kubelet-sim

# The state dir back at its own path, over whatever the node put there (recursive: with the
# scratch tmpfs in it). Unconditional, so every run goes this way, wherever the clone is.
mkdir -p ${shq(layout.stateDir)}
${MOUNT} --rbind . ${shq(layout.stateDir)}
${carryNode ? `${nodeBinaryBindBack(input.nodeBinary)}\n` : ''}cd /

${input.profileSetup}

${input.launch}
/usr/sbin/sshd -f ${shq(layout.sshdConfig)} -E ${shq(layout.sshdLog)}

# Lifeline: under a test suite stdin is a pipe from the test process, so when that process
# dies for any reason the pipe closes, this init exits and the kernel kills the whole node.
if [ "\${1:-}" = lifeline ]; then cat >/dev/null; else sleep infinity; fi
`;
}
