/**
 * Identifiers the simulated node hands out. Random where the real system is random (CRI ids,
 * API UIDs), deterministic where the real one is derived (static UID, image ids).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

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

/**
 * The static pod UID. The real kubelet hashes its deep-printed Pod plus "host:"+node and
 * "file:"+path (MD5 up to v1.34, docs/kubelet.md §1.4); that print is not reproducible, so we
 * hash the *decoded* pod (so formatting/comment-only edits keep the UID, §1.7) with the same
 * node and path salt. Same content + node + path → same UID; any change → a new one.
 */
export function staticPodUid(canonicalPod: string, nodeName: string, filePath: string): string {
  return createHash('md5')
    .update(canonicalPod)
    .update('host:' + nodeName)
    .update('file:' + filePath)
    .digest('hex');
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

/** JSON with sorted object keys, so equal objects always print the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
