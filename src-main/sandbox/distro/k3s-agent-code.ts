/**
 * What k3s's agent code does before it starts a kubelet — RKE2 imports the same code — as the
 * simulated k3s and rke2 processes need it [src: k3s-io/k3s `pkg/agent/config/config.go`
 * (get: node name, `--with-node-id`, kubelet.conf.d), `pkg/daemons/agent/agent.go`
 * (startKubelet, writeKubeletConfig, extractConfigArgs, defaultKubeletConfig),
 * `pkg/daemons/agent/agent_linux.go` (kubeletArgsAndConfig), `cmd/k3s/main.go`
 * (findCriConfig)]:
 *
 * - the node name is the host name or `node-name`; with `with-node-id` a random 8-hex id is
 *   appended (`name-<id>`), kept in /etc/rancher/node/id (0644) and reused;
 * - the kubelet runs with `--config-dir=<data-dir>/agent/etc/kubelet.conf.d` (0700), where
 *   `00-<program>-defaults.conf` (0600) is rewritten at every start, holding staticPodPath,
 *   containerRuntimeEndpoint and the rest; a `kubelet-arg` `config=` is copied to
 *   `10-cli-config.conf`, a `config-dir=` to the subdirectory `20-cli-config-dir/`;
 * - the args are a map written `--key=value`, sorted by key, and logged by the agent as
 *   `Running kubelet <args>` (logrus info);
 * - crictl's config is `<data-dir>/agent/etc/crictl.yaml`.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { parse } from 'yaml';

export type Program = 'k3s' | 'rke2';

export interface AgentSetup {
  program: Program;
  dataDir: string;
  nodeName: string;
  nodeIp: string;
  /** `/run/k3s/containerd/containerd.sock` (no scheme). */
  runtimeSocket: string;
  /** `kubelet-arg` values, `key=value` without dashes. */
  kubeletArgs: string[];
  /** Where node-local paths are on this machine (the simulated node's root). */
  toHost(nodePath: string): string;
}

export const RUNTIME_SOCKET = '/run/k3s/containerd/containerd.sock';

export function agentDir(setup: Pick<AgentSetup, 'dataDir'>): string {
  return path.join(setup.dataDir, 'agent');
}
export function kubeletConfigDir(setup: Pick<AgentSetup, 'dataDir'>): string {
  return path.join(setup.dataDir, 'agent/etc/kubelet.conf.d');
}
export function podManifestsDir(setup: Pick<AgentSetup, 'dataDir'>): string {
  return path.join(setup.dataDir, 'agent/pod-manifests');
}
export function kubeletKubeconfig(setup: Pick<AgentSetup, 'dataDir'>): string {
  return path.join(setup.dataDir, 'agent/kubelet.kubeconfig');
}
export function crictlConfig(setup: Pick<AgentSetup, 'dataDir'>): string {
  return path.join(setup.dataDir, 'agent/etc/crictl.yaml');
}

/** `/etc/rancher/<program>/config.yaml` and `config.yaml.d/*.yaml`, as the CLI reads them (keys merged). */
export function readProgramConfig(program: Program, toHost: (p: string) => string): Record<string, unknown> {
  const base = `/etc/rancher/${program}/config.yaml`;
  const files = [base];
  try {
    const dir = `${base}.d`;
    for (const name of fs.readdirSync(toHost(dir)).sort())
      if (/\.ya?ml$/.test(name)) files.push(path.join(dir, name));
  } catch {
    // no drop-in directory
  }
  const out: Record<string, unknown> = {};
  for (const file of files) {
    try {
      const doc: unknown = parse(fs.readFileSync(toHost(file), 'utf8'));
      if (doc && typeof doc === 'object' && !Array.isArray(doc)) Object.assign(out, doc);
    } catch {
      // missing or unreadable: nothing from it
    }
  }
  return out;
}

/** `ensureNodeID`: the id in /etc/rancher/node/id, or 4 random bytes in hex written there. */
export function ensureNodeId(toHost: (p: string) => string): string {
  const file = toHost('/etc/rancher/node/id');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const id = crypto.randomBytes(4).toString('hex');
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    fs.writeFileSync(file, `${id}\n`, { mode: 0o644 });
    return id;
  }
}

/** The node name: `node-name` or the host name (lower-cased), with `-<id>` under `with-node-id`. */
export function agentNodeName(
  hostname: string,
  config: Record<string, unknown>,
  env: Record<string, string | undefined>,
  toHost: (p: string) => string,
): string {
  const configured = env.K3S_NODE_NAME || env.RKE2_NODE_NAME || config['node-name'];
  let name = (typeof configured === 'string' && configured ? configured : hostname).trim().toLowerCase();
  if (config['with-node-id'] === true) name += `-${ensureNodeId(toHost)}`;
  return name;
}

/** `kubelet-arg` from the config (a string or a list). */
export function kubeletArgsOf(config: Record<string, unknown>): string[] {
  const value = config['kubelet-arg'];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** kubeletArgsAndConfig's flags (the rest lives in the defaults drop-in). */
export function kubeletArgMap(setup: AgentSetup): Map<string, string> {
  return new Map([
    ['config-dir', kubeletConfigDir(setup)],
    ['containerd', setup.runtimeSocket],
    ['hostname-override', setup.nodeName],
    ['kubeconfig', kubeletKubeconfig(setup)],
    ['node-ip', setup.nodeIp],
    ['node-labels', ''],
  ]);
}

/** `GetArgs`: extra `key=value` args over the map, `--key=value` sorted by key. */
export function getArgs(initial: ReadonlyMap<string, string>, extra: readonly string[]): string[] {
  const args = new Map(initial);
  for (const arg of extra) {
    const [key, ...rest] = arg.replace(/^--?/, '').split('=');
    if (key) args.set(key, rest.join('='));
  }
  return [...args.keys()].sort().map((k) => `--${k}=${args.get(k) ?? ''}`);
}

/**
 * `00-<program>-defaults.conf` as sigs.k8s.io/yaml marshals defaultKubeletConfig (keys sorted,
 * durations as Go prints them); the fields of k3s-io/k3s#2116's published copy.
 */
export function defaultsDropIn(setup: AgentSetup): string {
  const agent = agentDir(setup);
  return `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 2m0s
    enabled: true
  x509:
    clientCAFile: ${agent}/client-ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 5m0s
    cacheUnauthorizedTTL: 30s
cgroupDriver: systemd
clusterDNS:
- 10.43.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: unix://${setup.runtimeSocket}
cpuManagerReconcilePeriod: 10s
evictionHard:
  imagefs.available: 5%
  nodefs.available: 5%
evictionMinimumReclaim:
  imagefs.available: 10%
  nodefs.available: 10%
evictionPressureTransitionPeriod: 5m0s
failSwapOn: false
fileCheckFrequency: 20s
healthzBindAddress: 127.0.0.1
httpCheckFrequency: 20s
imageMinimumGCAge: 2m0s
kind: KubeletConfiguration
logging:
  flushFrequency: 5s
  format: text
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 5m0s
nodeStatusUpdateFrequency: 10s
resolvConf: /etc/resolv.conf
runtimeRequestTimeout: 2m0s
serializeImagePulls: false
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: ${podManifestsDir(setup)}
streamingConnectionIdleTimeout: 4h0m0s
syncFrequency: 1m0s
tlsCertFile: ${agent}/serving-kubelet.crt
tlsPrivateKeyFile: ${agent}/serving-kubelet.key
volumeStatsAggPeriod: 1m0s
`;
}

/**
 * startKubelet's file work: kubelet.conf.d (0700), the defaults drop-in rewritten (0600), a
 * `config=` / `config-dir=` kubelet-arg copied in and dropped from the args, the static pod
 * directory made, crictl.yaml written. Returns the kubelet's args (sorted), without the copied
 * config flags.
 */
export function prepareKubelet(setup: AgentSetup): string[] {
  const { toHost } = setup;
  const dir = kubeletConfigDir(setup);
  fs.mkdirSync(toHost(dir), { recursive: true, mode: 0o700 });
  fs.chmodSync(toHost(dir), 0o700);
  const extra: string[] = [];
  for (const arg of setup.kubeletArgs) {
    const [key, ...rest] = arg.replace(/^--?/, '').split('=');
    const value = rest.join('=');
    if (key === 'config' && !value.startsWith(dir)) {
      fs.copyFileSync(toHost(value), toHost(path.join(dir, '10-cli-config.conf')));
    } else if (key === 'config-dir' && !value.startsWith(dir)) {
      fs.cpSync(toHost(value), toHost(path.join(dir, '20-cli-config-dir')), { recursive: true });
    } else {
      extra.push(arg);
    }
  }
  const defaults = toHost(path.join(dir, `00-${setup.program}-defaults.conf`));
  fs.writeFileSync(defaults, defaultsDropIn(setup), { mode: 0o600 });
  fs.chmodSync(defaults, 0o600);
  fs.mkdirSync(toHost(podManifestsDir(setup)), { recursive: true, mode: 0o750 });
  const crictl = toHost(crictlConfig(setup));
  fs.mkdirSync(path.dirname(crictl), { recursive: true });
  fs.writeFileSync(crictl, `runtime-endpoint: unix://${setup.runtimeSocket}\n`, { mode: 0o600 });
  return getArgs(kubeletArgMap(setup), extra);
}
