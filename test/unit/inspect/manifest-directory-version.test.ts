/**
 * The Manifests pane's verdicts follow the kubelet version discovery read on the node, and each
 * says which version it assumed. The rule used to show it: a static pod referencing a ConfigMap
 * is refused by the file source from kubelet 1.34 (PreventStaticPodAPIReferences, beta and on by
 * default in 1.34, kubernetes PR #131837); before, the pod runs and only its mirror pod is
 * refused by the API server (kubernetes issue #103587).
 */
import { describe, expect, it } from 'vitest';
import type { KubeletVersionRead, NodeDiscovery } from '../../../src-main/contract/domain/discovery';
import { judgeManifestDirectory } from '../../../src-main/inspect/manifest-directory';
import type { ManifestListing } from '../../../src-main/node/manifests/manifest-listing';

const WITH_CONFIGMAP = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: kube-system
spec:
  containers:
  - name: web
    image: registry.k8s.io/pause:3.10
    volumeMounts:
    - name: settings
      mountPath: /etc/web
  volumes:
  - name: settings
    configMap:
      name: web-settings
`;

function discoveryWith(kubeletVersion: KubeletVersionRead): NodeDiscovery {
  return {
    nodeName: 'cp-1',
    kubeletPid: 812,
    kubeletArgs: ['/usr/bin/kubelet'],
    configPath: '/var/lib/kubelet/config.yaml',
    staticPodPath: '/etc/kubernetes/manifests',
    staticPodPathSource: 'config',
    staticPodPathExplanation: 'staticPodPath in /var/lib/kubelet/config.yaml',
    staticPodsDisabled: false,
    fileCheckFrequencySeconds: 20,
    kubeconfig: null,
    warnings: [],
    kubeletVersion,
  };
}

const listing: ManifestListing = {
  kind: 'dir',
  entries: [
    {
      name: 'web.yaml',
      type: 'f',
      targetType: 'f',
      size: WITH_CONFIGMAP.length,
      owner: 'root',
      group: 'root',
      mode: '0600',
      mtime: 0,
      symlinkTarget: null,
    },
  ],
  contents: new Map([['web.yaml', Buffer.from(WITH_CONFIGMAP)]]),
  error: null,
};

const read = (version: string): KubeletVersionRead => ({
  version,
  source: 'kubelet-binary',
  evidence: `\`/proc/812/exe --version\` printed "Kubernetes ${version}"`,
});

describe('manifest verdicts by the kubelet version read on the node', () => {
  it('kubelet v1.33.1 runs the pod (its mirror is refused); the verdict says which kubelet judged it', () => {
    const view = judgeManifestDirectory(discoveryWith(read('v1.33.1')), listing, 0);
    const entry = view.entries[0];
    expect(entry?.verdict).toEqual({
      kind: 'pod',
      podName: 'web-cp-1',
      namespace: 'kube-system',
      metadataName: 'web',
      winner: true,
      shadowedBy: null,
      judgedAs: 'as kubelet v1.33.1 judges it',
    });
    expect(entry?.explanation).toMatch(
      /^Yields pod kube-system\/web-cp-1, as kubelet v1\.33\.1 judges it\. /,
    );
    expect(entry?.explanation).toContain('the API server refuses its mirror pod');
    expect(view.kubeletVersion).toEqual({
      text: 'v1.33.1',
      source: 'kubelet-binary',
      described: 'kubelet v1.33.1, from `kubelet --version` on the node',
      evidence: '`/proc/812/exe --version` printed "Kubernetes v1.33.1"',
    });
  });

  it('kubelet v1.34.0 refuses the same file, in its words', () => {
    const view = judgeManifestDirectory(discoveryWith(read('v1.34.0')), listing, 0);
    expect(view.entries[0]?.verdict).toEqual({
      kind: 'error',
      error: 'static pods may not reference configmaps',
      judgedAs: 'as kubelet v1.34.0 judges it',
    });
    expect(view.entries[0]?.explanation).toBe(
      'Rejected by the kubelet: static pods may not reference configmaps (as kubelet v1.34.0 judges it).',
    );
  });

  it("a k3s node's version (from k3s's own binary) is the Kubernetes release it embeds", () => {
    const view = judgeManifestDirectory(
      discoveryWith({ version: 'v1.33.4+k3s1', source: 'distribution-binary', evidence: 'k3s --version' }),
      listing,
      0,
    );
    expect(view.entries[0]?.verdict).toMatchObject({
      kind: 'pod',
      judgedAs: 'as kubelet v1.33.4+k3s1 judges it',
    });
  });

  it('an unknown version is said to be unknown, and the newest rules are used', () => {
    const view = judgeManifestDirectory(
      discoveryWith({
        version: null,
        source: 'unknown',
        evidence: 'not read: no kubelet process was found to ask',
      }),
      listing,
      0,
    );
    expect(view.entries[0]?.verdict).toEqual({
      kind: 'error',
      error: 'static pods may not reference configmaps',
      judgedAs: 'kubelet version unknown: judged as v1.36, the newest rules',
    });
    expect(view.kubeletVersion).toMatchObject({
      source: 'assumed',
      evidence: 'not read: no kubelet process was found to ask',
    });
  });
});
