/**
 * `k3s agent` on a simulated node: the kubelet runs inside this process, as k3s embeds it
 * [src: k3s-io/k3s `cmd/k3s/main.go` (the `k3s agent` command re-executes the data dir's
 * `k3s-agent` with the original argv, so `ps` shows `/usr/local/bin/k3s agent` with comm
 * `k3s-agent`), `pkg/daemons/agent/agent.go` (startKubelet: `Running kubelet <args>`),
 * `pkg/daemons/executor/embed.go` (the kubelet command run in-process), and the agent code in
 * k3s-agent-code.ts]. Its output — k3s's logrus lines and the kubelet's klog lines alike — is
 * the unit's: journal unit `k3s-agent.service`, identifier `k3s` (ExecStart=/usr/local/bin/k3s).
 * An agent has no admin kubeconfig (k3s-io/k3s#8757); its kubelet's kubeconfig points at the
 * agent's load balancer (here the stand-in API at the node's address).
 */
import os from 'node:os';
import { realClock } from '../engine/clock';
import { KubeletJournal } from '../engine/journal/journal';
import { loadOrCreateIdentity } from '../engine/node/identity';
import { nodePathToHost, simPaths } from '../paths';
import { parseKubeletArgs } from '../daemon/args';
import { runSimDaemon } from '../daemon/daemon';
import type { JournalIdentity } from '../daemon/sim-env';
import {
  agentNodeName,
  kubeletArgsOf,
  prepareKubelet,
  readProgramConfig,
  RUNTIME_SOCKET,
} from './k3s-agent-code';

export const K3S_DATA_DIR = '/var/lib/rancher/k3s';
export const K3S_VERSION = 'v1.32.2+k3s1';

export const K3S_AGENT_JOURNAL: JournalIdentity = {
  unit: 'k3s-agent.service',
  identifier: 'k3s',
  comm: 'k3s-agent',
  exe: `${K3S_DATA_DIR}/data/current/bin/k3s`,
};

export async function runK3sAgent(env: NodeJS.ProcessEnv): Promise<void> {
  const paths = simPaths();
  const toHost = (p: string) => nodePathToHost(paths, p);
  const identity = loadOrCreateIdentity(paths);
  const config = readProgramConfig('k3s', toHost);
  const hostname = os.hostname();
  const journal = new KubeletJournal({
    file: paths.journalFile,
    clock: realClock(),
    pid: process.pid,
    hostname,
    bootId: identity.bootId,
    verbosity: 0,
    output: { kind: 'journal', identity: K3S_AGENT_JOURNAL },
  });
  journal.logrus('info', `Starting k3s agent ${K3S_VERSION} (faa4eb1b)`);
  const nodeIp = typeof config['node-ip'] === 'string' ? config['node-ip'] : '127.0.0.1';
  const nodeName = agentNodeName(hostname, config, env, toHost);
  const args = prepareKubelet({
    program: 'k3s',
    dataDir: K3S_DATA_DIR,
    nodeName,
    nodeIp,
    runtimeSocket: RUNTIME_SOCKET,
    kubeletArgs: kubeletArgsOf(config),
    toHost,
  });
  journal.logrus('info', `Running kubelet ${args.join(' ')}`);
  const kubelet = parseKubeletArgs(args, { ...env, KUBELET_SIM_ROLE: 'worker' });
  await runSimDaemon({
    paths,
    nodeName: kubelet.nodeName,
    hostname,
    nodeIp: kubelet.nodeIp,
    role: 'worker',
    config: kubelet.config,
    runtime: kubelet.runtime,
    output: { kind: 'journal', identity: K3S_AGENT_JOURNAL },
    kubeadm: false,
    initIfEmpty: false,
    apiPkiDir: kubelet.apiPkiDir,
    handleSignals: true,
  });
}
