/**
 * The kubelet version a verdict assumes, and the rules that change with it. Each rule below names
 * the upstream change that introduced it; the corpus (test/fixtures/kubelet-corpus) has a case on
 * each side of every boundary.
 */
export interface KubeletVersion {
  major: number;
  minor: number;
  patch: number;
  /** As reported ("v1.33.1"), or as assumed. */
  text: string;
  /**
   * Where the version came from: the kubelet binary, the binary of a distribution that embeds
   * the kubelet (k3s), the API's Node object, or an assumption.
   */
  source: 'kubelet-binary' | 'distribution-binary' | 'node-status' | 'assumed';
}

/** The oldest and newest minor versions the model's Go types and rules cover (k8s.io/api v0.27–v0.36). */
export const OLDEST_KNOWN_MINOR = 27;
export const NEWEST_KNOWN_MINOR = 36;

/** When nothing says which kubelet runs, the model assumes the newest it knows, and says so. */
export const ASSUMED_VERSION: KubeletVersion = {
  major: 1,
  minor: NEWEST_KNOWN_MINOR,
  patch: 0,
  text: `v1.${NEWEST_KNOWN_MINOR}`,
  source: 'assumed',
};

/**
 * "Kubernetes v1.33.1" (`kubelet --version`), "v1.30.14+k3s1", "v1.31.4+rke2r1" (Node
 * status.nodeInfo.kubeletVersion), "1.29" → a version, or null.
 */
export function parseKubeletVersion(text: string, source: KubeletVersion['source']): KubeletVersion | null {
  const m = /\bv?(\d+)\.(\d+)(?:\.(\d+))?([-+][0-9A-Za-z.+-]*)?/.exec(text.trim());
  if (!m) return null;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major !== 1 || !Number.isSafeInteger(minor)) return null;
  const patch = m[3] === undefined ? 0 : Number(m[3]);
  return {
    major,
    minor,
    patch,
    text: `v${m[1]}.${m[2]}${m[3] !== undefined ? `.${m[3]}` : ''}${m[4] ?? ''}`,
    source,
  };
}

export function atLeast(version: KubeletVersion, minor: number): boolean {
  return version.minor >= minor;
}

/** How a verdict names the version it assumed ("kubelet v1.33.1, from `kubelet --version`"). */
export function describeVersion(version: KubeletVersion): string {
  const where =
    version.source === 'kubelet-binary'
      ? 'from `kubelet --version` on the node'
      : version.source === 'distribution-binary'
        ? "from the distribution binary's `--version` on the node"
        : version.source === 'node-status'
          ? "from the Node's status.nodeInfo.kubeletVersion"
          : 'assumed: the node did not say which kubelet it runs';
  const known =
    version.minor > NEWEST_KNOWN_MINOR
      ? ` (newer than the rules known here, judged as v1.${NEWEST_KNOWN_MINOR})`
      : version.minor < OLDEST_KNOWN_MINOR
        ? ` (older than the rules known here, judged as v1.${OLDEST_KNOWN_MINOR})`
        : '';
  return `kubelet ${version.text}, ${where}${known}`;
}

/**
 * The few words a verdict ends with to say which kubelet it speaks for: "as kubelet v1.32.2
 * judges it", "as kubelet v1.38.0 judges it (judged as v1.36, the newest rules known here)", or
 * "kubelet version unknown: judged as v1.36, the newest rules".
 */
export function judgedAsPhrase(version: KubeletVersion): string {
  const minor = rulesFor(version).minor;
  if (version.source === 'assumed') {
    const which =
      minor === NEWEST_KNOWN_MINOR
        ? 'the newest rules'
        : minor === OLDEST_KNOWN_MINOR
          ? 'the oldest rules'
          : 'its rules';
    return `kubelet version unknown: judged as v1.${minor}, ${which}`;
  }
  const clamped =
    minor === version.minor
      ? ''
      : ` (judged as v1.${minor}, the ${minor === NEWEST_KNOWN_MINOR ? 'newest' : 'oldest'} rules known here)`;
  return `as kubelet ${version.text} judges it${clamped}`;
}

/** The rules of one kubelet version, named. */
export interface VersionRules {
  /** The minor version whose Go types and messages apply (clamped to the known range). */
  minor: number;
  /**
   * tryDecodeSinglePod refuses a pod without metadata.name with "invalid pod: name is needed for
   * the pod" (kubernetes PR #119522, CHANGELOG-1.29); before, the generated name "-<node>" failed
   * validation.
   */
  nameNeededCheck: boolean;
  /**
   * PreventStaticPodAPIReferences (beta, on by default from 1.34, kubernetes PR #131837): the file
   * source refuses a pod referencing ServiceAccounts, Secrets, ConfigMaps, PVCs … Before, the pod
   * runs and only its mirror pod is refused by the API server (kubernetes issue #103587).
   */
  preventApiReferences: boolean;
  /** sigs.k8s.io/yaml before v1.4.0 (kubelet ≤ 1.30) wrote "Unsupported map key". */
  capitalisedMapKeyError: boolean;
  /**
   * validatePodHostNetworkDeps words a hostNetwork port mismatch on hostPort from 1.28; 1.27's
   * validateHostNetwork worded it on containerPort.
   */
  hostNetworkPortOnHostPort: boolean;
  /** "must be less than or equal to cpu limit of 100m" up to 1.31; without " of …" later. */
  requestLimitNamesLimit: boolean;
  /**
   * Up to 1.34 the file source validated with empty PodValidationOptions, so relaxed env var
   * names were refused; 1.35 derives the options from feature gates (kubernetes PR #135031).
   */
  strictEnvVarNames: boolean;
}

export function rulesFor(version: KubeletVersion): VersionRules {
  const minor = Math.min(NEWEST_KNOWN_MINOR, Math.max(OLDEST_KNOWN_MINOR, version.minor));
  return {
    minor,
    nameNeededCheck: minor >= 29,
    preventApiReferences: minor >= 34,
    capitalisedMapKeyError: minor <= 30,
    hostNetworkPortOnHostPort: minor >= 28,
    requestLimitNamesLimit: minor <= 31,
    strictEnvVarNames: minor <= 34,
  };
}
