/**
 * "Will this boot?" — on a kubeadm node, what the next `kubeadm upgrade` would undo. kubeadm
 * rewrites the control-plane manifests from the cluster's ClusterConfiguration (the kubeadm-config
 * ConfigMap) at every upgrade (docs/kubelet.md §7): a flag set only in the manifest, or set to
 * another value than ClusterConfiguration's extraArgs, is lost then. The flags kubeadm writes by
 * itself are those of cmd/kubeadm/app/phases/controlplane/manifests.go (getAPIServerCommand,
 * getControllerManagerCommand, getSchedulerCommand) and phases/etcd/local.go (getEtcdCommand);
 * extra volumes come from `extraVolumes`.
 */
import { parse } from 'yaml';
import { list, obj, str } from '../../kubelet/decode/pod-defaults';
import type { DecodedObject } from '../../kubelet/go-types/typed-decode';
import type { BootFinding } from '../../contract/domain/boot-check';

type Component = 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'etcd';

/** ClusterConfiguration's field for each component. */
const SECTION: Record<Component, string> = {
  'kube-apiserver': 'apiServer',
  'kube-controller-manager': 'controllerManager',
  'kube-scheduler': 'scheduler',
  etcd: 'etcd.local',
};

/**
 * Flags kubeadm writes whatever the configuration (their values come from the node or from
 * ClusterConfiguration fields other than extraArgs, so only their presence is compared).
 */
const KUBEADM_FLAGS: Record<Component, string[]> = {
  'kube-apiserver': [
    'advertise-address',
    'allow-privileged',
    'authorization-mode',
    'client-ca-file',
    'enable-admission-plugins',
    'enable-bootstrap-token-auth',
    'etcd-cafile',
    'etcd-certfile',
    'etcd-keyfile',
    'etcd-servers',
    'kubelet-client-certificate',
    'kubelet-client-key',
    'kubelet-preferred-address-types',
    'proxy-client-cert-file',
    'proxy-client-key-file',
    'requestheader-allowed-names',
    'requestheader-client-ca-file',
    'requestheader-extra-headers-prefix',
    'requestheader-group-headers',
    'requestheader-username-headers',
    'secure-port',
    'service-account-issuer',
    'service-account-key-file',
    'service-account-signing-key-file',
    'service-cluster-ip-range',
    'tls-cert-file',
    'tls-private-key-file',
  ],
  'kube-controller-manager': [
    'allocate-node-cidrs',
    'authentication-kubeconfig',
    'authorization-kubeconfig',
    'bind-address',
    'client-ca-file',
    'cluster-cidr',
    'cluster-name',
    'cluster-signing-cert-file',
    'cluster-signing-key-file',
    'controllers',
    'kubeconfig',
    'leader-elect',
    'requestheader-client-ca-file',
    'root-ca-file',
    'service-account-private-key-file',
    'service-cluster-ip-range',
    'use-service-account-credentials',
  ],
  'kube-scheduler': [
    'authentication-kubeconfig',
    'authorization-kubeconfig',
    'bind-address',
    'kubeconfig',
    'leader-elect',
  ],
  etcd: [
    'advertise-client-urls',
    'cert-file',
    'client-cert-auth',
    'data-dir',
    'experimental-initial-corrupt-check',
    'experimental-watch-progress-notify-interval',
    'feature-gates',
    'initial-advertise-peer-urls',
    'initial-cluster',
    'initial-cluster-state',
    'key-file',
    'listen-client-urls',
    'listen-metrics-urls',
    'listen-peer-urls',
    'name',
    'peer-cert-file',
    'peer-client-cert-auth',
    'peer-key-file',
    'peer-trusted-ca-file',
    'snapshot-count',
    'trusted-ca-file',
    'watch-progress-notify-interval',
  ],
};

/** The volumes kubeadm gives each component (controlplane/volumes.go, etcd/local.go). */
const KUBEADM_VOLUMES: Record<Component, string[]> = {
  'kube-apiserver': [
    'ca-certs',
    'etc-ca-certificates',
    'etc-pki',
    'k8s-certs',
    'usr-local-share-ca-certificates',
    'usr-share-ca-certificates',
  ],
  'kube-controller-manager': [
    'ca-certs',
    'etc-ca-certificates',
    'etc-pki',
    'flexvolume-dir',
    'k8s-certs',
    'kubeconfig',
    'usr-local-share-ca-certificates',
    'usr-share-ca-certificates',
  ],
  'kube-scheduler': ['kubeconfig'],
  etcd: ['etcd-certs', 'etcd-data'],
};

export interface ClusterConfigurationSource {
  /** Where it was read: "ConfigMap kube-system/kubeadm-config (API server)" or a file path. */
  from: string;
  text: string;
}

export function componentOf(pod: DecodedObject): Component | null {
  const label = str(obj(obj(pod.metadata).labels).component);
  const candidates = [label, ...list(obj(pod.spec).containers).map((c) => str(obj(c).name))];
  return (candidates.find((c) => c in SECTION) as Component | undefined) ?? null;
}

/** extraArgs as v1beta3 (a map) or v1beta4 (a list of name/value), as name → values. */
function extraArgs(section: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const raw = (section as { extraArgs?: unknown } | null)?.extraArgs;
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const { name, value } = (item ?? {}) as { name?: unknown; value?: unknown };
      if (typeof name === 'string') out.set(name, [...(out.get(name) ?? []), String(value ?? '')]);
    }
  } else if (raw && typeof raw === 'object') {
    for (const [name, value] of Object.entries(raw as Record<string, unknown>))
      out.set(name, [String(value ?? '')]);
  }
  return out;
}

/** The ClusterConfiguration document: the ConfigMap's `data.ClusterConfiguration`, or a file's. */
export function parseClusterConfiguration(text: string): Record<string, unknown> | null {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100, uniqueKeys: false });
  } catch {
    return null;
  }
  const asObj = (v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  const root = asObj(doc);
  const data = asObj(root?.data);
  if (data && typeof data.ClusterConfiguration === 'string')
    return parseClusterConfiguration(data.ClusterConfiguration);
  if (root?.kind === 'ClusterConfiguration') return root;
  return null;
}

function flagsOf(
  pod: DecodedObject,
  component: Component,
): Array<{ name: string; value: string; text: string }> {
  const c = list(obj(pod.spec).containers)
    .map(obj)
    .find((x) => str(x.name) === component);
  const argv = [...list(c?.command), ...list(c?.args)].map((a) => str(a));
  return argv
    .filter((a) => a.startsWith('--'))
    .map((a) => {
      const eq = a.indexOf('=');
      return { name: eq >= 0 ? a.slice(2, eq) : a.slice(2), value: eq >= 0 ? a.slice(eq + 1) : '', text: a };
    });
}

function lineOf(manifest: string, text: string): number | null {
  const i = manifest.split('\n').findIndex((l) => l.includes(text));
  return i >= 0 ? i + 1 : null;
}

export function judgeKubeadm(
  pod: DecodedObject,
  manifest: string,
  source: ClusterConfigurationSource | { unknown: string } | null,
): BootFinding[] {
  const component = componentOf(pod);
  if (!component) return [];
  if (source === null) return [];
  if ('unknown' in source)
    return [
      {
        check: 'kubeadm-config',
        status: 'not-checked',
        title: "Could not read the cluster's kubeadm ClusterConfiguration.",
        detail: source.unknown,
        evidence: [],
        line: null,
      },
    ];
  const cfg = parseClusterConfiguration(source.text);
  if (!cfg)
    return [
      {
        check: 'kubeadm-config',
        status: 'not-checked',
        title: `${source.from} holds no ClusterConfiguration the app can read.`,
        detail: null,
        evidence: [],
        line: null,
      },
    ];
  const path = SECTION[component].split('.');
  let section: unknown = cfg;
  for (const p of path) section = (section as Record<string, unknown> | undefined)?.[p];
  const extra = extraArgs(section);
  const managed = new Set(KUBEADM_FLAGS[component]);
  const findings: BootFinding[] = [];
  for (const flag of flagsOf(pod, component)) {
    const configured = extra.get(flag.name);
    if (configured) {
      if (!configured.includes(flag.value))
        findings.push({
          check: 'kubeadm-config',
          status: 'warning',
          title: `--${flag.name}=${flag.value} differs from ClusterConfiguration (${configured.join(', ')}): lost at the next kubeadm upgrade.`,
          detail: `kubeadm upgrade rewrites this manifest from ClusterConfiguration; set ${SECTION[component]}.extraArgs ${flag.name} in the kubeadm-config ConfigMap to keep it.`,
          evidence: [
            `manifest: ${flag.text}`,
            `${source.from}: ${SECTION[component]}.extraArgs ${flag.name}=${configured.join(',')}`,
          ],
          line: lineOf(manifest, flag.text),
        });
    } else if (!managed.has(flag.name)) {
      findings.push({
        check: 'kubeadm-config',
        status: 'warning',
        title: `--${flag.name} is not in ClusterConfiguration: lost at the next kubeadm upgrade.`,
        detail: `kubeadm upgrade rewrites this manifest from ClusterConfiguration; add it to ${SECTION[component]}.extraArgs in the kubeadm-config ConfigMap to keep it.`,
        evidence: [
          `manifest: ${flag.text}`,
          `${source.from}: no ${SECTION[component]}.extraArgs ${flag.name}`,
        ],
        line: lineOf(manifest, flag.text),
      });
    }
  }
  const extraVolumes = new Set(
    list((section as { extraVolumes?: never } | undefined)?.extraVolumes as never).map((v) =>
      str(obj(v as never).name),
    ),
  );
  for (const volume of list(obj(pod.spec).volumes).map(obj)) {
    const name = str(volume.name);
    if (KUBEADM_VOLUMES[component].includes(name) || extraVolumes.has(name)) continue;
    findings.push({
      check: 'kubeadm-config',
      status: 'warning',
      title: `Volume ${name} is not in ClusterConfiguration: lost at the next kubeadm upgrade.`,
      detail: `Add it to ${SECTION[component]}.extraVolumes in the kubeadm-config ConfigMap to keep it (with its mount).`,
      evidence: [`manifest: volume ${name}`, `${source.from}: no ${SECTION[component]}.extraVolumes ${name}`],
      line: lineOf(manifest, `name: ${name}`),
    });
  }
  if (findings.length === 0)
    findings.push({
      check: 'kubeadm-config',
      status: 'ok',
      title: `Every flag and volume of ${component} matches ClusterConfiguration: kubeadm upgrade keeps them.`,
      detail: null,
      evidence: [`read ${source.from}`],
      line: null,
    });
  return findings;
}
