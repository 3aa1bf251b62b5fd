/**
 * Images (docs/doctor.md "Images"): each static pod's image against `crictl images` — a missing
 * control-plane image means a pull on the next restart, which an air-gapped node cannot do — and
 * the runtime's sandbox (pause) image against the one kubeadm expects for the control plane's
 * version. kubeadm's own preflight check warns about the latter: `detected that the sandbox image
 * "…" of the container runtime is inconsistent with that used by kubeadm` (kubernetes#115610,
 * v1.27). The expected versions are kubeadm's `PauseVersion`, as read in
 * cmd/kubeadm/app/constants/constants.go or seen in kubeadm's own warnings.
 */
import type { DoctorFinding } from '../../contract/domain/doctor';
import { hasImage, normalizeImage, registryOf, type RuntimeImage } from '../../node/images/crictl-images';
import type { Sourced } from '../../node/runtime-config/runtime-settings';

/** kubeadm minor → pause tag, only where read in source or seen in kubeadm's output. */
export const KUBEADM_PAUSE: Record<string, { tag: string; source: string }> = {
  '1.27': { tag: '3.9', source: 'kubeadm v1.27.2 preflight output' },
  '1.30': {
    tag: '3.9',
    source: 'kubeadm v1.30.0 upgrade output (test/fixtures/real/kubeadm-upgrade-apply-v1.30.0.txt)',
  },
  '1.32': { tag: '3.10', source: 'cmd/kubeadm/app/constants/constants.go PauseVersion, release 1.32' },
  '1.34': { tag: '3.10.1', source: 'kubeadm v1.34 upgrade output' },
};

export interface StaticImage {
  pod: string;
  container: string;
  image: string;
  manifest: string;
}

export interface ImageInput {
  staticImages: StaticImage[];
  images: RuntimeImage[] | null;
  sandboxImage: Sourced<string> | null;
  /** The control plane's version, from kube-apiserver's image tag (`v1.32.2`). */
  controlPlaneVersion: string | null;
  registryConfigPath: Sourced<string> | null;
}

export function expectedPause(version: string | null): { image: string; source: string } | null {
  const minor = /^v?(\d+\.\d+)/.exec(version ?? '')?.[1];
  const entry = minor ? KUBEADM_PAUSE[minor] : undefined;
  return entry ? { image: `registry.k8s.io/pause:${entry.tag}`, source: entry.source } : null;
}

export function imageFindings(input: ImageInput): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  if (input.images) {
    for (const s of input.staticImages) {
      if (hasImage(input.images, s.image)) continue;
      const registry = registryOf(s.image);
      out.push({
        kind: 'image-missing',
        area: 'images',
        severity: 'warning',
        title: `${s.image} (${s.pod}) is not in the runtime's images`,
        explanation: `The next start of ${s.container} must pull it from ${registry}; a node without access to that registry (air-gapped, a mirror down) cannot restart it.`,
        evidence: [
          `${s.manifest}: container ${s.container} image ${s.image}`,
          `crictl images: ${input.images.length} images, none tagged ${normalizeImage(s.image)}`,
          `registry the node pulls from: ${registry}${input.registryConfigPath ? ` (mirror configuration in ${input.registryConfigPath.value}, ${input.registryConfigPath.from})` : ''}`,
        ],
        nextStep: `crictl pull ${s.image}`,
        subject: s.image,
      });
    }
  }
  const expected = expectedPause(input.controlPlaneVersion);
  if (
    expected &&
    input.sandboxImage &&
    normalizeImage(input.sandboxImage.value) !== normalizeImage(expected.image)
  ) {
    const sameTag = input.sandboxImage.value.split(':').pop() === expected.image.split(':').pop();
    if (!sameTag) {
      out.push({
        kind: 'sandbox-image-mismatch',
        area: 'images',
        severity: 'warning',
        title: `The runtime's sandbox image is ${input.sandboxImage.value}; kubeadm ${input.controlPlaneVersion} expects ${expected.image}`,
        explanation:
          "kubeadm pulls and pins its own pause image; a runtime that uses another one must pull it on the node, which an air-gapped node cannot, and kubeadm's preflight warns about the difference.",
        evidence: [
          `runtime: ${input.sandboxImage.value} (${input.sandboxImage.from})`,
          `kubeadm ${input.controlPlaneVersion}: ${expected.image} (${expected.source})`,
          ...(input.images
            ? [
                `crictl images: ${hasImage(input.images, input.sandboxImage.value) ? 'present' : 'absent'}: ${input.sandboxImage.value}`,
              ]
            : []),
        ],
        nextStep: `Set the runtime's sandbox image to ${expected.image} (containerd 1.x: sandbox_image; 2.x: [plugins.'io.containerd.cri.v1.images'.pinned_images] sandbox; CRI-O: pause_image), then: systemctl restart containerd`,
        subject: 'sandbox image',
      });
    }
  }
  return out;
}
