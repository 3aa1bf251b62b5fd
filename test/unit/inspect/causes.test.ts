import { describe, expect, it } from 'vitest';
import type { CriContainer, CriSandbox } from '../../../src-main/contract/domain/cri';
import type {
  ApiAvailability,
  StaticManifestDirectory,
  StaticManifestEntry,
} from '../../../src-main/contract/domain/node-pods';
import {
  editDistance,
  flagLine,
  nearestFlag,
  unknownFlagIn,
} from '../../../src-main/inspect/findings/bad-flag';
import { collectFindings, groupByCause } from '../../../src-main/inspect/findings/collect-findings';
import type { FindingInput } from '../../../src-main/inspect/findings/finding-input';
import { joinPods } from '../../../src-main/inspect/join-pods';
import { readManifestIdentity } from '../../../src-main/node/snapshot/static-dir-listing';
import { readReal } from '../parsers/fixtures';

// A kubeadm v1.32 control plane (the real manifests in test/fixtures/real/) whose
// kube-apiserver.yaml was edited with a mistyped flag: the API server crash-loops, kubectl on the
// node gets "connection refused", and every other static pod lacks its mirror.
const DIR = '/etc/kubernetes/manifests';
const NODE = 'controlplane';
const APISERVER = readReal('kubeadm-v1.32.2-kube-apiserver.yaml').replace(
  '    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
  '    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n    - --tls-min-versoin=VersionTLS12',
);
const TEXTS = new Map<string, string>([
  [`${DIR}/etcd.yaml`, readReal('kubeadm-v1.32.2-etcd.yaml')],
  [`${DIR}/kube-apiserver.yaml`, APISERVER],
  [`${DIR}/kube-controller-manager.yaml`, readReal('kubeadm-v1.32.2-kube-controller-manager.yaml')],
  [`${DIR}/kube-scheduler.yaml`, readReal('kubeadm-v1.32.2-kube-scheduler.yaml')],
]);
const entries: StaticManifestEntry[] = [...TEXTS].map(([path, text]) => {
  const identity = readManifestIdentity(text);
  return {
    name: path.slice(DIR.length + 1),
    path,
    kind: 'file',
    ignoredByKubelet: false,
    sha256: 'e'.repeat(64),
    size: text.length,
    ...identity,
    staticPodName: `${identity.podName}-${NODE}`,
  };
});
const manifests: StaticManifestDirectory = {
  path: DIR,
  source: 'config',
  explanation: 'staticPodPath in /var/lib/kubelet/config.yaml',
  disabled: false,
  readable: true,
  reason: null,
  entries,
};
const uid = (n: number) => String(n).repeat(32).slice(0, 32);
const sandboxes: CriSandbox[] = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map(
  (component, i) => ({
    id: `${i + 1}`.repeat(64),
    name: `${component}-${NODE}`,
    namespace: 'kube-system',
    uid: uid(i + 1),
    attempt: 0,
    state: 'ready',
    createdAtNs: null,
    createdAtMs: 1_000,
    labels: { component, 'io.kubernetes.pod.uid': uid(i + 1) },
    annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.hash': uid(i + 1) },
    runtimeHandler: '',
    configHash: uid(i + 1),
  }),
);
const container = (sandbox: CriSandbox, attempt: number, state: CriContainer['state']): CriContainer => ({
  id: `${sandbox.id.slice(0, 8)}${attempt}`.padEnd(64, 'c'),
  podSandboxId: sandbox.id,
  name: sandbox.labels.component as string,
  attempt,
  image: 'sha256:' + 'f'.repeat(64),
  imageRef: 'sha256:' + 'f'.repeat(64),
  imageId: '',
  state,
  createdAtNs: null,
  createdAtMs: 1_000 + attempt,
  labels: {},
  annotations: {},
  podName: sandbox.name,
  podNamespace: 'kube-system',
  podUid: sandbox.uid,
});
const apiserverSandbox = sandboxes[1] as CriSandbox;
const crashed = container(apiserverSandbox, 4, 'exited');
const containers = [
  ...sandboxes.filter((s) => s !== apiserverSandbox).map((s) => container(s, 0, 'running')),
  crashed,
  container(apiserverSandbox, 3, 'exited'),
];
// The tail of `crictl logs`: cobra's usage ends, then component-base's "Error: …" line.
const LAST_LINES = [
  '      --vmodule pattern=N,...   comma-separated list of pattern=N settings for file-filtered logging (only works for text log format)',
  '',
  'Error: unknown flag: --tls-min-versoin',
];
const REFUSED =
  'The connection to the server 192.168.97.4:6443 was refused - did you specify the right host or port?';
const downApi: ApiAvailability = {
  available: false,
  reason:
    'The API server refused the connection (192.168.97.4:6443): it is down, so no mirror pods can be read.',
  via: 'node-kubectl',
  nodeRegistered: null,
  unanswered: { server: '192.168.97.4:6443', said: REFUSED },
};
const input = (api: ApiAvailability): FindingInput => ({
  nodeName: NODE,
  runtime: { available: true, reason: null },
  api,
  manifests,
  pods: joinPods(sandboxes, containers, [], entries),
  journal: [],
  crashes: {
    [crashed.id]: {
      containerId: crashed.id,
      exitCode: 1,
      reason: 'Error',
      finishedAt: null,
      lastLines: LAST_LINES,
    },
  },
  nowMs: 10_000,
  manifestText: (path) => TEXTS.get(path) ?? null,
});

describe('findings grouped by cause', () => {
  it("API server down: one cause holding the mirror consequences and kube-apiserver's crash loop, with the bad flag's line", () => {
    const i = input(downApi);
    const findings = collectFindings(i);
    const causes = groupByCause(i, findings);
    expect(causes.map((c) => c.kind)).toEqual(['api-server-down']);
    const [cause] = causes;
    expect(cause?.title).toBe('The API server at 192.168.97.4:6443 does not answer');
    expect(cause?.evidence[0]).toBe(`kubectl: ${REFUSED}`);
    const held = findings.filter((f) => f.causeId === 'api-server-down');
    expect(
      held
        .filter((f) => f.kind === 'mirror-missing')
        .map((f) => f.title)
        .sort(),
    ).toEqual([
      'No mirror pod for etcd-controlplane',
      'No mirror pod for kube-apiserver-controlplane',
      'No mirror pod for kube-controller-manager-controlplane',
      'No mirror pod for kube-scheduler-controlplane',
    ]);
    expect(held.map((f) => f.kind)).toContain('crash-loop');
    // Nothing is left outside the cause: the operator sees one cause, not five findings.
    expect(findings.filter((f) => !f.causeId)).toEqual([]);
    const line = APISERVER.split('\n').indexOf('    - --tls-min-versoin=VersionTLS12') + 1;
    expect(cause?.badFlag).toEqual({
      component: 'kube-apiserver',
      flag: '--tls-min-versoin',
      suggestion: '--tls-min-version',
      manifestPath: `${DIR}/kube-apiserver.yaml`,
      line,
      lineText: '    - --tls-min-versoin=VersionTLS12',
    });
    expect(cause?.nextStep).toContain(
      `Fix line ${line} of ${DIR}/kube-apiserver.yaml: --tls-min-versoin → --tls-min-version`,
    );
    expect(cause?.rollback).toEqual({
      manifestName: 'kube-apiserver.yaml',
      manifestPath: `${DIR}/kube-apiserver.yaml`,
    });
  });

  it('no cause is claimed without evidence that the server did not answer (kubectl missing is not "API down")', () => {
    const i = input({ ...downApi, reason: 'kubectl is not installed on this node.', unanswered: null });
    const findings = collectFindings(i);
    expect(groupByCause(i, findings)).toEqual([]);
    expect(findings.filter((f) => f.kind === 'mirror-missing')).toHaveLength(4);
    expect(findings.every((f) => !f.causeId)).toBe(true);
  });

  it("a kube-apiserver.yaml that no longer decodes is still the API server's manifest: its finding is under the cause", () => {
    const broken = entries.map((e) =>
      e.podName === 'kube-apiserver'
        ? {
            ...readManifestIdentity('apiVersion: v1\nkind: Pod\n  bad: [x'),
            name: e.name,
            path: e.path,
            kind: e.kind,
            ignoredByKubelet: false,
            sha256: e.sha256,
            size: e.size,
            staticPodName: null,
          }
        : e,
    );
    const i = {
      ...input(downApi),
      manifests: { ...manifests, entries: broken },
      pods: joinPods(
        sandboxes.filter((s) => s !== apiserverSandbox),
        containers.filter((c) => c.podSandboxId !== apiserverSandbox.id),
        [],
        broken,
      ),
    };
    const findings = collectFindings(i);
    const cause = groupByCause(i, findings)[0];
    expect(cause?.explanation).toMatch(
      /^kube-apiserver's manifest \/etc\/kubernetes\/manifests\/kube-apiserver\.yaml cannot be used, so no kube-apiserver runs: Not valid YAML/,
    );
    expect(findings.find((f) => f.kind === 'manifest-without-sandbox')?.causeId).toBe('api-server-down');
    expect(findings.filter((f) => !f.causeId)).toEqual([]);
  });

  it('a remote API server (no kube-apiserver manifest here): the cause says so and offers no rollback', () => {
    const i = {
      ...input(downApi),
      manifests: { ...manifests, entries: entries.filter((e) => e.podName !== 'kube-apiserver') },
    };
    const cause = groupByCause(i, collectFindings(i))[0];
    expect(cause?.explanation).toMatch(/^No kube-apiserver manifest is in this node's static pod path/);
    expect(cause?.badFlag).toBeNull();
    expect(cause?.rollback).toBeNull();
  });

  it("the runtime unreadable is a cause with crictl's own words", () => {
    const i = {
      ...input({ ...downApi, available: true, reason: null, unanswered: null }),
      runtime: { available: false, reason: 'crictl is not installed on this node.' },
    };
    expect(groupByCause(i, collectFindings(i)).map((c) => [c.kind, c.evidence])).toEqual([
      ['runtime-unreachable', ['crictl: crictl is not installed on this node.']],
    ]);
  });
});

describe('the bad flag', () => {
  it("reads pflag's and Go flag's messages, the newest line first", () => {
    expect(unknownFlagIn(LAST_LINES)).toBe('--tls-min-versoin');
    // etcd (Go's flag package): `flag provided but not defined: -%s`.
    expect(unknownFlagIn(['flag provided but not defined: -listen-peer-url', 'Usage of etcd:'])).toBe(
      '-listen-peer-url',
    );
    expect(unknownFlagIn(['I0102 serving on 6443'])).toBeNull();
  });

  it('suggests the nearest known flag within 2 edits, a swap counting as one', () => {
    expect(editDistance('versoin', 'version')).toBe(1);
    expect(nearestFlag('kube-apiserver', '--tls-min-versoin')).toBe('--tls-min-version');
    expect(nearestFlag('kube-apiserver', '--advertize-adress')).toBe('--advertise-address');
    expect(nearestFlag('kube-apiserver', '--this-is-very-wrong')).toBeNull();
    expect(nearestFlag('my-own-binary', '--tls-min-versoin')).toBeNull();
  });

  it("finds the flag as a whole argument, not as a longer flag's prefix", () => {
    const text = 'command:\n- --tls-min-version-extra=1\n- "--tls-min-version=VersionTLS12"\n';
    expect(flagLine(text, '--tls-min-version')).toEqual({
      line: 3,
      text: '- "--tls-min-version=VersionTLS12"',
    });
    expect(flagLine(text, '--nope')).toBeNull();
  });
});
