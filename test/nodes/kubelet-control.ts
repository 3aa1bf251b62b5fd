/**
 * Restarting a node's simulated kubelet as `systemctl restart <unit>` would: stop the process
 * that runs the kubelet (`kubelet`, or `k3s-agent` whose process embeds it) with SIGTERM, start
 * it again inside the node's namespaces with the profile's launch line (the one the node's init
 * used, `<nodeDir>/launch.sh`), and wait until the new process has published its state. The
 * runtime's pods keep running meanwhile (the daemon leaves them in its last published state and
 * the new one takes them over, src-main/sandbox/daemon/daemon.ts).
 */
import type { NodeLayout } from './layout';
import type { NodeNamespace } from './namespace';
import { runInNamespace } from './namespace';
import { waitForKubelet } from './kubelet-state';
import { launchScript } from './profiles/node-build';
import { isAlive, processesInNamespace, signal } from './procfs';
import { waitFor } from './process';

export interface RestartOptions {
  /** The unit's main process: the kubelet, or the process that supervises it (`rke2`). */
  unitComm: string;
  /** The process that runs the kubelet (`kubelet`, `k3s-agent`). */
  kubeletComm: string;
  timeoutMs?: number;
}

export async function restartKubelet(
  ns: NodeNamespace,
  layout: NodeLayout,
  opts: RestartOptions,
): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const procs = processesInNamespace(ns.pidNamespace);
  const main = procs.find((p) => p.comm === opts.unitComm);
  const kubelet = procs.find((p) => p.comm === opts.kubeletComm);
  if (!main || !kubelet)
    throw new Error(`no ${opts.unitComm} / ${opts.kubeletComm} runs in ${layout.nodeDir}`);
  signal(main.pid, 'SIGTERM');
  await waitFor(
    () => (isAlive(main.pid) || isAlive(kubelet.pid) ? undefined : true),
    timeoutMs,
    () => `the ${opts.unitComm} of ${layout.nodeDir} (pid ${main.pid}) did not stop`,
  );
  // The launch line backgrounds the process, so this shell exits at once and the new process
  // is re-parented to the node's init, as the first one was.
  await runInNamespace(ns.initPid, ['/bin/sh', launchScript(layout.nodeDir)]);
  await waitForKubelet(
    ns,
    layout,
    timeoutMs,
    opts.unitComm,
    (s) => s.kubeletPid !== undefined && s.kubeletPid !== kubelet.nsPid,
  );
}
