/**
 * Identifiers the simulated node hands out. Random where the real system is random (CRI ids,
 * API UIDs), deterministic where the real one is derived (image ids; the static pod UID is the kubelet's
 * own rule, src-main/kubelet/static-pod-uid.ts).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { canonicalJson } from '../../kubelet/static-pod-uid';

export function randomHex(chars: number): string {
  return randomBytes(Math.ceil(chars / 2))
    .toString('hex')
    .slice(0, chars);
}

/** CRI sandbox and container ids: 64 lowercase hex (docs/kubelet.md §3.1). */
export function criId(): string {
  return randomHex(64);
}

/** API-server UIDs are UUIDv4 with dashes (docs/kubelet.md §0, §2.1). */
export function apiUid(): string {
  return randomUUID();
}

/** A stable fake image id for an image reference: `sha256:<64hex>` (containerd, §3.3). */
export function imageIdFor(image: string): string {
  return (
    'sha256:' +
    createHash('sha256')
      .update('image-id:' + image)
      .digest('hex')
  );
}

/** `repo@sha256:<digest>`: what containerd reports as imageRef (§3.3). */
export function imageRefFor(image: string): string {
  const digest = createHash('sha256')
    .update('repo-digest:' + image)
    .digest('hex');
  return `${imageRepository(image)}@sha256:${digest}`;
}

/** The repository part of an image reference (strips `:tag` and `@digest`). */
export function imageRepository(image: string): string {
  const at = image.indexOf('@');
  const noDigest = at >= 0 ? image.slice(0, at) : image;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/**
 * `io.kubernetes.container.hash`: FNV-32a of the container spec printed as lowercase hex
 * without zero padding (docs/kubelet.md §3.1).
 */
export function containerSpecHash(spec: unknown): string {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(canonicalJson(spec))) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16);
}
