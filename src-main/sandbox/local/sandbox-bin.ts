/**
 * The sandbox node's own bin directory, first on PATH for its commands: `crictl`, `kubectl`,
 * `journalctl` run the simulated tools, `kubelet` is the Node binary under the name a real
 * kubelet has (so `pgrep -x kubelet` and /proc/<pid>/cmdline look as on a node), and
 * `systemctl show -p MainPID --value kubelet` answers with the sandbox kubelet's pid, which is
 * how discovery finds the kubelet on a systemd node (docs/kubelet.md §6), and the kubelet
 * unit's Description says the node is the simulated one (SANDBOX_KUBELET_UNIT_DESCRIPTION). `systemctl restart
 * kubelet` asks the daemon, which runs the kubelet as systemd would, to start it again
 * (supervisor.ts), and waits until the new one runs. `pgrep -x kubelet` (discovery's fallback
 * while systemd reports no MainPID, e.g. during a restart) finds this node's kubelet only, not
 * another one on the same machine (another sandbox, a test node).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SANDBOX_KUBELET_UNIT_DESCRIPTION } from '../../contract/domain/node-setup';
import type { SimPaths } from '../paths';
import PGREP_SCRIPT from './pgrep.sh';
import SYSTEMCTL_SCRIPT from './systemctl.sh';

const TOOLS = ['crictl', 'kubectl', 'journalctl'] as const;

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** The file `systemctl restart kubelet` leaves for the app before it stops the kubelet. */
export function restartRequestFile(paths: SimPaths): string {
  return path.join(path.dirname(paths.pidFile), 'restart-requested');
}

export function sandboxBinDir(paths: SimPaths): string {
  return path.join(paths.root, 'bin');
}

export function writeSandboxBin(paths: SimPaths, bundleDir: string, nodeBinary: string): string {
  const binDir = sandboxBinDir(paths);
  fs.mkdirSync(binDir, { recursive: true });
  for (const tool of TOOLS) {
    const script = `#!/bin/sh\nexec ${shellQuote(nodeBinary)} ${shellQuote(path.join(bundleDir, `${tool}.cjs`))} "$@"\n`;
    fs.writeFileSync(path.join(binDir, tool), script, { mode: 0o755 });
  }
  // The scripts are .sh files; the values they need are assigned in lines written before them.
  const pidFile = `pid_file=${shellQuote(paths.pidFile)}\n`;
  const systemctl =
    `#!/bin/sh\n${pidFile}restart_file=${shellQuote(restartRequestFile(paths))}\n` +
    `unit_description=${shellQuote(SANDBOX_KUBELET_UNIT_DESCRIPTION)}\n${SYSTEMCTL_SCRIPT}`;
  fs.writeFileSync(path.join(binDir, 'systemctl'), systemctl, { mode: 0o755 });
  const realPgrep = ['/usr/bin/pgrep', '/bin/pgrep'].find((p) => fs.existsSync(p)) ?? '';
  const pgrep = `#!/bin/sh\n${pidFile}real_pgrep=${shellQuote(realPgrep)}\n${PGREP_SCRIPT}`;
  fs.writeFileSync(path.join(binDir, 'pgrep'), pgrep, { mode: 0o755 });
  const kubelet = path.join(binDir, 'kubelet');
  fs.rmSync(kubelet, { force: true });
  fs.symlinkSync(nodeBinary, kubelet);
  return binDir;
}
