/**
 * Which images "exist" in the simulated registries. Rule (documented in the engine README):
 * - an image whose reference contains `doesnotexist`, `missing` or `notfound` does not exist;
 * - on registry.k8s.io only known repositories exist, with plausible tags: Kubernetes
 *   components `v1.20.0`–`v1.34.19`, etcd `3.4.x-0`/`3.5.x-0`/`3.6.x-0`, coredns `v1.x.y`,
 *   pause `3.x`. Anything else there (e.g. `kube-apiserver:v1.99.0`) is not found;
 * - every other image (busybox, nginx, …) exists, with any tag.
 */
import { imageRepository } from '../ids';

const K8S_COMPONENTS = new Set([
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kube-proxy',
  'kubectl',
]);
const K8S_VERSION = /^v1\.(2\d|3[0-4])\.(\d|1\d)$/;

export function imageTag(image: string): string {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(colon + 1) : 'latest';
}

export function imageExists(image: string): boolean {
  if (/doesnotexist|missing|notfound/i.test(image)) return false;
  const repo = imageRepository(image);
  const registryPrefix = /^(registry\.k8s\.io|k8s\.gcr\.io)\//;
  if (!registryPrefix.test(repo)) return true;
  if (image.includes('@sha256:')) return true;
  const name = repo.replace(registryPrefix, '');
  const tag = imageTag(image);
  if (K8S_COMPONENTS.has(name)) return K8S_VERSION.test(tag);
  if (name === 'etcd') return /^3\.[456]\.\d{1,2}-0$/.test(tag);
  if (name === 'coredns/coredns' || name === 'coredns') return /^v1\.\d{1,2}\.\d{1,2}$/.test(tag);
  if (name === 'pause') return /^3\.\d{1,2}$/.test(tag);
  return false;
}

/**
 * The pull error containerd returns through the CRI for a missing image (containerd 1.7
 * wording), as it appears in the kubelet's ErrImagePull status and journal lines.
 */
export function pullErrorMessage(image: string): string {
  const ref = image.includes('/') ? image : `docker.io/library/${image}`;
  const full = imageTag(image) === 'latest' && !image.includes(':') ? `${ref}:latest` : ref;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
}
