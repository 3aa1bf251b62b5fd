/**
 * Restarting a node's simulated kubelet as `systemctl restart kubelet` would: stop the `kubelet`
 * process of the node's PID namespace with SIGTERM, start it again with the same argv inside the
 * node's namespaces (as init-script.ts started it), and wait until the new process has published
 * its state. The runtime's pods keep running meanwhile (the daemon leaves them in its last
 * published state and the new one takes them over, src-main/sandbox/daemon/daemon.ts).
 */
import { readFileSync } from 'node:fs';
import type { NodeLayout } from './layout';
import type { NodeNamespace } from './namespace';
import { runInNamespace } from './namespace';
import { waitForKubelet } from './kubelet-state';
import { isAlive, processesInNamespace, signal } from './procfs';
import { waitFor } from './process';

export async function restartKubelet(
  ns: NodeNamespace,
  layout: NodeLayout,
  timeoutMs = 20_000,
): Promise<void> {
  const kubelet = processesInNamespace(ns.pidNamespace).find((p) => p.comm === 'kubelet');
  if (!kubelet) throw new Error(`no kubelet runs in ${layout.nodeDir}`);
  const argv = readFileSync(`/proc/${kubelet.pid}/cmdline`, 'utf8').replace(/\0$/, '').split('\0');
  signal(kubelet.pid, 'SIGTERM');
  await waitFor(
    () => (isAlive(kubelet.pid) ? undefined : true),
    timeoutMs,
    () => `the kubelet of ${layout.nodeDir} (pid ${kubelet.pid}) did not stop`,
  );
  // Detached from this shell (which exits at once), re-parented to the node's init as before.
  await runInNamespace(ns.initPid, [
    '/bin/sh',
    '-c',
    '"$@" </dev/null >>/var/log/kubelet-sim.out 2>&1 &',
    'sh',
    ...argv,
  ]);
  await waitForKubelet(
    ns,
    layout,
    timeoutMs,
    (s) => s.kubeletPid !== undefined && s.kubeletPid !== kubelet.nsPid,
  );
}
