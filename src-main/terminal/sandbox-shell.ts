/**
 * The Sandbox node's terminal: a local bash on a PTY in the sandbox root, with the sandbox's
 * bin directory first on PATH (its simulated crictl, kubectl, journalctl, systemctl) and
 * KUBELET_SIM_ROOT set — the env its local transport already uses — and a banner saying what
 * is simulated. bash reads the user's ~/.bashrc through a small rc file that then puts the
 * sandbox's PATH back in front, so a user's PATH edits cannot hide the simulated tools.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { InteractiveShell, ShellSize } from '../ssh/transport';
import { openLocalPty } from './local-pty';

export interface SandboxShellOptions {
  /** The sandbox transport's env (PATH with the sandbox bin first, KUBELET_SIM_ROOT). */
  env: NodeJS.ProcessEnv;
  /** The sandbox node's root directory; the shell starts there. */
  root: string;
  /** The simulated node's name, for the prompt and the banner. */
  nodeName: string;
}

export function sandboxBanner(options: SandboxShellOptions): string {
  return [
    `\x1b[1mSandbox node ${options.nodeName}\x1b[0m: a shell on this computer, in ${options.root}`,
    'Simulated here: crictl, kubectl, journalctl and systemctl (kubelet only), and the kubelet itself.',
    'Its static pod manifests are in etc/kubernetes/manifests; everything else is your own machine.',
    '',
  ].join('\r\n');
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

function writeRcFile(options: SandboxShellOptions): string {
  const rc = path.join(options.root, '.terminal-bashrc');
  const pathValue = options.env.PATH ?? '/usr/bin:/bin';
  fs.writeFileSync(
    rc,
    [
      '# Written by Kubelet Studio for the Sandbox node terminal.',
      '[ -f "$HOME/.bashrc" ] && . "$HOME/.bashrc"',
      `export PATH=${quote(pathValue)}`,
      `export KUBELET_SIM_ROOT=${quote(options.root)}`,
      `PS1=${quote(`\\[\\e[36m\\][sandbox]\\[\\e[0m\\] ${options.nodeName}:\\w\\$ `)}`,
      '',
    ].join('\n'),
  );
  return rc;
}

export function openSandboxShell(options: SandboxShellOptions, size: ShellSize): Promise<InteractiveShell> {
  const banner = sandboxBanner(options);
  if (fs.existsSync('/bin/bash')) {
    const rc = writeRcFile(options);
    return openLocalPty({
      file: '/bin/bash',
      args: ['--rcfile', rc, '-i'],
      env: options.env,
      cwd: options.root,
      size,
      banner,
    });
  }
  // No bash: the user's shell, interactive but not a login shell (a login shell's profile
  // would reset PATH and hide the simulated tools).
  const file = options.env.SHELL && fs.existsSync(options.env.SHELL) ? options.env.SHELL : '/bin/sh';
  return openLocalPty({ file, args: ['-i'], env: options.env, cwd: options.root, size, banner });
}
