/**
 * The sandbox node's own bin directory, first on PATH for its commands: `crictl`, `kubectl`,
 * `journalctl` run the simulated tools, `kubelet` is the Node binary under the name a real
 * kubelet has (so `pgrep -x kubelet` and /proc/<pid>/cmdline look as on a node), and
 * `systemctl show -p MainPID --value kubelet` answers with the sandbox kubelet's pid, which is
 * how discovery finds the kubelet on a systemd node (kubelet-facts §6).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SimPaths } from '../paths';

const TOOLS = ['crictl', 'kubectl', 'journalctl'] as const;

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

export function writeSandboxBin(paths: SimPaths, bundleDir: string, nodeBinary: string): string {
  const binDir = path.join(paths.root, 'bin');
  fs.mkdirSync(binDir, { recursive: true });
  for (const tool of TOOLS) {
    const script = `#!/bin/sh\nexec ${shellQuote(nodeBinary)} ${shellQuote(path.join(bundleDir, `${tool}.cjs`))} "$@"\n`;
    fs.writeFileSync(path.join(binDir, tool), script, { mode: 0o755 });
  }
  const systemctl = [
    '#!/bin/sh',
    '# Only what discovery asks: systemctl show -p MainPID --value kubelet',
    `case "$*" in *MainPID*kubelet*) cat ${shellQuote(paths.pidFile)} 2>/dev/null || echo 0;; *) echo "systemctl: not available on the sandbox node" >&2; exit 1;; esac`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(binDir, 'systemctl'), systemctl, { mode: 0o755 });
  const kubelet = path.join(binDir, 'kubelet');
  fs.rmSync(kubelet, { force: true });
  fs.symlinkSync(nodeBinary, kubelet);
  return binDir;
}
