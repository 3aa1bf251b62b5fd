/**
 * The runtime the kubelet talks to, so that crictl talks to the same one: the kubelet's
 * effective `containerRuntimeEndpoint` (flag, drop-in, config file, or the v1beta1 default
 * unix:///run/containerd/containerd.sock — kubelet-config-merge.ts), else the set-up's own socket
 * (docs/distributions.md). crictl then gets `--runtime-endpoint` explicitly, plus the
 * distribution's crictl.yaml with `--config` where one exists (RKE2, k3s), so crictl neither
 * guesses among its default endpoints nor warns about them (docs/kubelet.md §3.5;
 * kubernetes-sigs/cri-tools cmd/crictl/main.go: flags override the config file).
 */
import type { EffectiveValue, RuntimeEndpointInfo, SetupKind } from '../../contract/domain/node-setup';
import { decodeConfigText } from './kubelet-config-merge';

/** Sockets the set-ups run their runtime on (docs/distributions.md). */
export const SETUP_RUNTIME_SOCKETS: Partial<Record<SetupKind, string>> = {
  rke2: 'unix:///run/k3s/containerd/containerd.sock',
  k3s: 'unix:///run/k3s/containerd/containerd.sock',
  k0s: 'unix:///run/k0s/containerd.sock',
  microk8s: 'unix:///var/snap/microk8s/common/run/containerd.sock',
  openshift: 'unix:///var/run/crio/crio.sock',
};

/** crictl.yaml files the set-ups write for their own crictl. */
export function setupCrictlConfigs(kind: SetupKind, dataDir: string | null): string[] {
  if (kind === 'rke2') return [`${dataDir ?? '/var/lib/rancher/rke2'}/agent/etc/crictl.yaml`];
  if (kind === 'k3s') return [`${dataDir ?? '/var/lib/rancher/k3s'}/agent/etc/crictl.yaml`];
  return [];
}

/**
 * `unix:///run/x.sock`, `unix:/run/x.sock`, or a bare `/run/x.sock` (OpenShift's unit passes
 * one; k8s.io/cri-client parses a missing scheme as unix) → `unix:///run/x.sock`.
 */
export function normaliseEndpoint(value: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('/')) return `unix://${trimmed}`;
  const m = /^unix:\/*(\/.*)$/.exec(trimmed);
  if (m) return `unix://${(m[1] as string).replace(/^\/+/, '/')}`;
  return trimmed;
}

export function runtimeOf(endpoint: string): string | null {
  if (/crio\.sock$/.test(endpoint)) return 'cri-o';
  if (/containerd[^/]*\.sock$/.test(endpoint)) return 'containerd';
  if (/cri-dockerd\.sock$/.test(endpoint)) return 'cri-dockerd';
  return null;
}

export interface CrictlYaml {
  runtimeEndpoint: string | null;
  imageEndpoint: string | null;
  timeout: number | null;
}

/** crictl.yaml (cri-tools pkg/common/config.go): `runtime-endpoint`, `image-endpoint`, `timeout`. */
export function parseCrictlYaml(text: string): CrictlYaml | null {
  const decoded = decodeConfigText(text);
  if ('error' in decoded) return null;
  const v = decoded.value;
  const str = (k: string) => (typeof v[k] === 'string' && v[k] !== '' ? (v[k] as string) : null);
  return {
    runtimeEndpoint: str('runtime-endpoint'),
    imageEndpoint: str('image-endpoint'),
    timeout: typeof v.timeout === 'number' ? v.timeout : null,
  };
}

export interface EndpointInput {
  kind: SetupKind;
  /** The kubelet's effective containerRuntimeEndpoint, when it could be computed. */
  kubelet: EffectiveValue | undefined;
  /** A crictl.yaml of the set-up that exists, with its text when readable. */
  crictlConfig: { path: string; text: string | null } | null;
}

export function runtimeEndpoint(input: EndpointInput): RuntimeEndpointInfo {
  const crictlConfig = input.crictlConfig?.path ?? null;
  const pick = (endpoint: string, from: string): RuntimeEndpointInfo => {
    const normalised = normaliseEndpoint(endpoint);
    return { endpoint: normalised, from, crictlConfig, runtime: runtimeOf(normalised) };
  };
  const k = input.kubelet;
  // A default comes only from a configuration read in full (kubelet-config-merge.ts): it is what the kubelet uses.
  if (k) {
    const from =
      k.source === 'flag'
        ? `${k.from} on the kubelet's command line`
        : k.source === 'default'
          ? "the kubelet's default (no endpoint configured)"
          : `containerRuntimeEndpoint in ${k.from}`;
    return pick(k.value, from);
  }
  const yaml = input.crictlConfig?.text ? parseCrictlYaml(input.crictlConfig.text) : null;
  if (yaml?.runtimeEndpoint) return pick(yaml.runtimeEndpoint, `runtime-endpoint in ${crictlConfig}`);
  const setupSocket = SETUP_RUNTIME_SOCKETS[input.kind];
  if (setupSocket)
    return pick(setupSocket, `the ${input.kind} default (the kubelet's own setting was not readable)`);
  return {
    endpoint: null,
    from: "not found: the kubelet's configuration was not readable",
    crictlConfig,
    runtime: null,
  };
}

/** crictl's global options for this endpoint: `--config` first, then `--runtime-endpoint`. */
export function crictlGlobalArgs(info: RuntimeEndpointInfo): string[] {
  return [
    ...(info.crictlConfig ? ['--config', info.crictlConfig] : []),
    ...(info.endpoint ? ['--runtime-endpoint', info.endpoint] : []),
  ];
}
