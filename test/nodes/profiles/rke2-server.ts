/**
 * `rke2-server`: an RKE2 server installed from the tarball (docs/distributions.md "RKE2";
 * rancher/rke2 `install.sh`, `bundle/lib/systemd/system/rke2-server.service`,
 * `pkg/cli/defaults/defaults.go`, `pkg/executor/staticpod/staticpod.go`, `pkg/logging/logging.go`,
 * docs.rke2.io "CLI Tools", "Logging"):
 * - /usr/local/bin/rke2 runs as `rke2 server` under rke2-server.service (unit file in
 *   /usr/local/lib/systemd/system), and starts the kubelet as its own process, `kubelet` from
 *   the data dir's bin, with RKE2's flags and the k3s agent code's `--config-dir`;
 * - crictl, kubectl (and ctr) live only in /var/lib/rancher/rke2/bin, a link to the active
 *   data dir's bin — not on PATH; crictl's config is agent/etc/crictl.yaml (CRI_CONFIG_FILE);
 * - the runtime socket is /run/k3s/containerd/containerd.sock;
 * - the kubelet logs to agent/logs/kubelet.log through RKE2's rotating writer (50 MB, 3
 *   compressed backups); nothing of the kubelet's goes to the journal, rke2's own lines do;
 * - the kubelet's drop-ins: 00-rke2-defaults.conf, and the subdirectory 20-cli-config-dir/
 *   copied from `kubelet-arg: config-dir=…` in /etc/rancher/rke2/config.yaml;
 * - static pods in agent/pod-manifests (rewritten by rke2 at start); admin kubeconfig
 *   /etc/rancher/rke2/rke2.yaml.
 */
import { k3sAgentNode } from './k3s-agent-layout';
import { kubectlFile, launchScriptLink, nodeBinaryLink, simCommand } from './tool-files';
import type { NodeFile, NodeInput, ProfileDefinition } from './types';

const DATA = '/var/lib/rancher/rke2';
/** The active data dir: `data/<version>-<digest>`, which bin links to (rke2 bootstrap.go). */
const ACTIVE = `${DATA}/data/v1.32.2-rke2r1-d2aab2b9b9c0`;
const UNIT_DIR = '/usr/local/lib/systemd/system';

/** bundle/lib/systemd/system/rke2-server.service as rancher/rke2 ships it. */
const RKE2_SERVER_SERVICE = `[Unit]
Description=Rancher Kubernetes Engine v2 (server)
Documentation=https://github.com/rancher/rke2#readme
Wants=network-online.target
After=network-online.target

[Install]
WantedBy=multi-user.target

[Service]
Type=notify
EnvironmentFile=-/etc/default/%N
EnvironmentFile=-/etc/sysconfig/%N
EnvironmentFile=-/usr/local/lib/systemd/system/%N.env
KillMode=process
Delegate=yes
LimitNOFILE=1048576
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
TimeoutStartSec=0
Restart=always
RestartSec=5s
ExecCondition=/bin/sh -c 'if systemctl is-active --quiet rke2-agent.service; then echo "Error: rke2-agent is running!"; exit 1; fi'
ExecStartPre=-/sbin/modprobe br_netfilter
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/local/bin/rke2 server
ExecStopPost=-/bin/sh -c "systemd-cgls /system.slice/%n | grep -Eo '[0-9]+ (containerd|kubelet)' | awk '{print $1}' | xargs -r kill"
`;

const RKE2_AGENT_SERVICE = RKE2_SERVER_SERVICE.replace('(server)', '(agent)')
  .replace(
    `ExecCondition=/bin/sh -c 'if systemctl is-active --quiet rke2-agent.service; then echo "Error: rke2-agent is running!"; exit 1; fi'`,
    `ExecCondition=/bin/sh -c 'if systemctl is-active --quiet rke2-server.service; then echo "Error: rke2-server is running!"; exit 1; fi'`,
  )
  .replace('ExecStart=/usr/local/bin/rke2 server', 'ExecStart=/usr/local/bin/rke2 agent');

/** A drop-in an admin keeps beside RKE2's config, copied by rke2 into 20-cli-config-dir/. */
export const USER_KUBELET_DROPIN = {
  dir: '/etc/rancher/rke2/kubelet.conf.d',
  name: '50-max-pods.conf',
  text: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nmaxPods: 150\nfileCheckFrequency: 10s\n',
};

function configYaml(input: NodeInput, logMaxMb: number | undefined): string {
  const kubeletArgs = [`config-dir=${USER_KUBELET_DROPIN.dir}`];
  if (logMaxMb !== undefined) kubeletArgs.push(`log-file-max-size=${logMaxMb}`);
  return [`node-ip: ${input.nodeIp}`, 'kubelet-arg:', ...kubeletArgs.map((a) => `- "${a}"`), ''].join('\n');
}

export const rke2Server: ProfileDefinition = {
  name: 'rke2-server',
  summary: 'RKE2 server; tools only in /var/lib/rancher/rke2/bin; kubelet log file; --config-dir drop-ins',
  node(input) {
    const maxSizeMb = input.kubeletLogMaxSizeMb ?? 50;
    const files: NodeFile[] = [
      nodeBinaryLink(input, '/usr/local/bin/rke2'),
      { path: `${DATA}/bin`, symlink: `${ACTIVE}/bin` },
      nodeBinaryLink(input, `${ACTIVE}/bin/kubelet`),
      simCommand(input, 'crictl', `${ACTIVE}/bin/crictl`),
      kubectlFile(input, `${ACTIVE}/bin/kubectl`),
      { path: `${UNIT_DIR}/rke2-server.service`, content: RKE2_SERVER_SERVICE },
      { path: `${UNIT_DIR}/rke2-server.env`, content: 'HOME=/root\n' },
      { path: `${UNIT_DIR}/rke2-agent.service`, content: RKE2_AGENT_SERVICE },
      { path: `${UNIT_DIR}/rke2-agent.env`, content: 'HOME=/root\n' },
      {
        path: '/etc/rancher/rke2/config.yaml',
        content: configYaml(input, input.kubeletLogMaxSizeMb),
        mode: 0o600,
      },
      { path: `${USER_KUBELET_DROPIN.dir}/${USER_KUBELET_DROPIN.name}`, content: USER_KUBELET_DROPIN.text },
      launchScriptLink(input, 'server'),
    ];
    return k3sAgentNode(input, {
      profile: 'rke2-server',
      distribution: 'rke2',
      dataDir: DATA,
      role: 'control-plane',
      nodeName: input.name,
      kubelet: {
        processComm: 'kubelet',
        processArgsPrefix: 'kubelet',
        supervisorComm: 'rke2',
        // RKE2's --file-check-frequency=5s flag beats the drop-ins' 20s and 10s.
        fileCheckSeconds: 5,
        log: { kind: 'file', path: `${DATA}/agent/logs/kubelet.log`, maxSizeMb, backups: 3 },
      },
      tools: {
        crictl: `${DATA}/bin/crictl`,
        kubectl: `${DATA}/bin/kubectl`,
        crictlOnPath: false,
        kubectlOnPath: false,
      },
      admin: {
        path: '/etc/rancher/rke2/rke2.yaml',
        user: 'system:admin',
        groups: ['system:masters'],
        clusterName: 'default',
      },
      unitFiles: [`${UNIT_DIR}/rke2-server.service`, `${UNIT_DIR}/rke2-agent.service`],
      mainUnit: 'rke2-server.service',
      files,
      launch: { argv0: '/usr/local/bin/rke2', file: '/usr/local/bin/rke2', args: ['server'] },
    });
  },
};
