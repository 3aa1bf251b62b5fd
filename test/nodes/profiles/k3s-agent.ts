/**
 * `k3s-agent`: a k3s agent installed by get.k3s.io (docs/distributions.md "k3s"; k3s-io/k3s
 * `install.sh`, `cmd/k3s/main.go`, `pkg/agent/config/config.go`, `pkg/daemons/agent/agent.go`;
 * docs.k3s.io):
 * - no kubelet process: `/usr/local/bin/k3s agent` (comm `k3s-agent`, the data dir's binary it
 *   re-executes) embeds the kubelet, whose args appear only in its `Running kubelet …` line;
 * - `with-node-id: true` in /etc/rancher/k3s/config.yaml: the node registers as
 *   `<hostname>-<8 hex>`, the id kept in /etc/rancher/node/id (written here as a node that has
 *   run before would have it, so the name is known to the test);
 * - its output, k3s's and the kubelet's, is the journal of unit `k3s-agent.service`, identifier
 *   `k3s`;
 * - no admin kubeconfig (agents have none, k3s-io/k3s#8757), the kubelet's own at
 *   agent/kubelet.kubeconfig;
 * - crictl, kubectl and ctr in /usr/local/bin are links to k3s, which sets CRI_CONFIG_FILE to
 *   agent/etc/crictl.yaml for crictl; socket /run/k3s/containerd/containerd.sock;
 * - static pods in agent/pod-manifests (usually none on an agent).
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { k3sAgentNode } from './k3s-agent-layout';
import { launchScriptLink, nodeBinaryLink } from './tool-files';
import type { NodeInput, ProfileDefinition } from './types';

const DATA = '/var/lib/rancher/k3s';
const ACTIVE = `${DATA}/data/7e2b3c0f2c7a4f1e9e51f41e3a3a1c4f9b2c1d6e8f0a2b4c6d8e0f1a3b5c7d9e`;
/** The join token and server URL, in the unit's environment file as install.sh writes them (create_env_file). */
const K3S_TOKEN = `K10${'0'.repeat(8)}::server:test-node-token`;
const k3sUrl = (input: NodeInput) => `https://${input.nodeIp}:6443`;

/** install.sh's unit for `k3s agent` (create_systemd_service_file). */
const K3S_AGENT_SERVICE = `[Unit]
Description=Lightweight Kubernetes
Documentation=https://k3s.io
Wants=network-online.target
After=network-online.target

[Install]
WantedBy=multi-user.target

[Service]
Type=notify
EnvironmentFile=-/etc/default/%N
EnvironmentFile=-/etc/sysconfig/%N
EnvironmentFile=-/etc/systemd/system/k3s-agent.service.env
KillMode=process
Delegate=yes
User=root
# Having non-zero Limit*s causes performance problems due to accounting overhead
# in the kernel. We recommend using cgroups to do container-local accounting.
LimitNOFILE=1048576
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
TimeoutStartSec=0
Restart=always
RestartSec=5s
ExecStartPre=-/sbin/modprobe br_netfilter
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/local/bin/k3s \\
    agent \\

`;

/**
 * /usr/local/bin/k3s for the commands an agent's user runs: the multicall binary dispatches on
 * its name (crictl, kubectl, ctr links) or its first argument (`k3s crictl …`), and gives
 * crictl CRI_CONFIG_FILE unless set (cmd/k3s/main.go externalCLI, findCriConfig); `k3s --version`
 * answers as k3s does (the simulated kubelet's version, in k3s's words).
 */
function k3sScript(input: NodeInput): string {
  const run = (cmd: string) => `exec ${input.nodeBinary} ${path.join(input.sandboxDir, `${cmd}.cjs`)} "$@"`;
  const kubectl = input.realKubectl ? `exec ${input.realKubectl} "$@"` : run('kubectl');
  return `#!/bin/sh
# k3s on a test node: its crictl and kubectl (test/nodes/profiles/k3s-agent.ts).
name=$(basename "$0")
case "$name" in
  crictl|kubectl|ctr) cmd=$name ;;
  *) cmd=\${1:-}; [ $# -gt 0 ] && shift ;;
esac
case "$cmd" in
  crictl)
    if [ -z "\${CRI_CONFIG_FILE:-}" ] && [ -e ${DATA}/agent/etc/crictl.yaml ]; then
      export CRI_CONFIG_FILE=${DATA}/agent/etc/crictl.yaml
    fi
    export KUBELET_SIM_EXE=${ACTIVE}/bin/crictl
    ${run('crictl')} ;;
  kubectl) ${kubectl} ;;
  --version) exec ${input.nodeBinary} ${path.join(input.sandboxDir, 'kubelet.cjs')} k3s --version ;;
  *) echo "k3s (test node): '$cmd' is not simulated here; k3s crictl and k3s kubectl are" >&2; exit 1 ;;
esac
`;
}

export const k3sAgent: ProfileDefinition = {
  name: 'k3s-agent',
  summary:
    'k3s agent: kubelet inside `k3s agent`, --with-node-id, journal unit k3s-agent, no admin kubeconfig',
  node(input) {
    const nodeId = crypto.randomBytes(4).toString('hex');
    return k3sAgentNode(input, {
      profile: 'k3s-agent',
      distribution: 'k3s',
      dataDir: DATA,
      role: 'worker',
      nodeName: `${input.name}-${nodeId}`,
      kubelet: {
        processComm: 'k3s-agent',
        processArgsPrefix: '/usr/local/bin/k3s agent',
        fileCheckSeconds: 20,
        log: { kind: 'journal', unit: 'k3s-agent.service', identifier: 'k3s' },
      },
      tools: {
        crictl: '/usr/local/bin/crictl',
        kubectl: '/usr/local/bin/kubectl',
        crictlOnPath: true,
        kubectlOnPath: true,
      },
      unitFiles: ['/etc/systemd/system/k3s-agent.service'],
      mainUnit: 'k3s-agent.service',
      files: [
        { path: '/usr/local/bin/k3s', content: k3sScript(input), mode: 0o755 },
        ...['crictl', 'kubectl', 'ctr'].map((c) => ({ path: `/usr/local/bin/${c}`, symlink: 'k3s' })),
        { path: `${DATA}/data/current`, symlink: ACTIVE },
        nodeBinaryLink(input, `${ACTIVE}/bin/k3s-agent`),
        { path: '/etc/systemd/system/k3s-agent.service', content: K3S_AGENT_SERVICE },
        {
          path: '/etc/systemd/system/k3s-agent.service.env',
          content: `K3S_TOKEN='${K3S_TOKEN}'\nK3S_URL='${k3sUrl(input)}'\n`,
          mode: 0o600,
        },
        {
          path: '/etc/rancher/k3s/config.yaml',
          content: `with-node-id: true\nnode-ip: ${input.nodeIp}\n`,
          mode: 0o600,
        },
        { path: '/etc/rancher/node/id', content: `${nodeId}\n`, mode: 0o644 },
        launchScriptLink(input, 'agent'),
      ],
      launch: {
        argv0: '/usr/local/bin/k3s',
        file: `${ACTIVE}/bin/k3s-agent`,
        args: ['agent'],
        env: {
          K3S_TOKEN,
          K3S_URL: k3sUrl(input),
        },
      },
    });
  },
};
