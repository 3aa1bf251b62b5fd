/**
 * The sandbox node's own bin directory, first on PATH for its commands: `crictl`, `kubectl`,
 * `journalctl` run the simulated tools, `kubelet` is the Node binary under the name a real
 * kubelet has (so `pgrep -x kubelet` and /proc/<pid>/cmdline look as on a node), and
 * `systemctl show -p MainPID --value kubelet` answers with the sandbox kubelet's pid, which is
 * how discovery finds the kubelet on a systemd node (docs/kubelet.md §6). `systemctl restart
 * kubelet` asks the daemon, which runs the kubelet as systemd would, to start it again
 * (supervisor.ts), and waits until the new one runs. `pgrep -x kubelet` (discovery's fallback
 * while systemd reports no MainPID, e.g. during a restart) finds this node's kubelet only, not
 * another one on the same machine (another sandbox, a test node).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SimPaths } from '../paths';

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
  const pidFile = shellQuote(paths.pidFile);
  const systemctl = [
    '#!/bin/sh',
    '# What discovery asks (systemctl show -p MainPID --value kubelet), and systemctl restart kubelet.',
    'case "$*" in',
    `*MainPID*kubelet*) cat ${pidFile} 2>/dev/null || echo 0;;`,
    '"restart kubelet"|"restart kubelet.service")',
    `  old=$(cat ${pidFile} 2>/dev/null); [ -n "$old" ] || { echo "kubelet.service is not running" >&2; exit 1; }`,
    `  : > ${shellQuote(restartRequestFile(paths))}; kill -TERM "$old"`,
    '  i=0; while [ $i -lt 300 ]; do',
    `    new=$(cat ${pidFile} 2>/dev/null); [ -n "$new" ] && [ "$new" != "$old" ] && exit 0`,
    '    sleep 0.1; i=$((i+1))',
    '  done',
    '  echo "Job for kubelet.service failed because a timeout was exceeded." >&2; exit 1;;',
    '*) echo "systemctl: not available on the sandbox node" >&2; exit 1;;',
    'esac',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(binDir, 'systemctl'), systemctl, { mode: 0o755 });
  const realPgrep = ['/usr/bin/pgrep', '/bin/pgrep'].find((p) => fs.existsSync(p));
  const pgrep = [
    '#!/bin/sh',
    `case "$*" in *-x*kubelet*) p=$(cat ${pidFile} 2>/dev/null); [ -n "$p" ] && [ -d "/proc/$p" ] && { echo "$p"; exit 0; }; exit 1;; esac`,
    realPgrep ? `exec ${shellQuote(realPgrep)} "$@"` : 'echo "pgrep: not found" >&2; exit 127',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(binDir, 'pgrep'), pgrep, { mode: 0o755 });
  const kubelet = path.join(binDir, 'kubelet');
  fs.rmSync(kubelet, { force: true });
  fs.symlinkSync(nodeBinary, kubelet);
  return binDir;
}
