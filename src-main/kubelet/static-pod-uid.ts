/**
 * The static pod UID the kubelet derives from a manifest (docs/kubelet.md §1.4).
 */
import { createHash } from 'node:crypto';

/**
 * The real kubelet hashes its deep-printed Pod plus "host:"+node and "file:"+path (MD5 up to
 * v1.34, pkg/kubelet/config/common.go); that print is not reproducible, so we hash the *decoded*
 * pod (so formatting/comment-only edits keep the UID, docs/kubelet.md §1.7) with the same node
 * and path salt. Same content + node + path → same UID; any change → a new one.
 */
export function staticPodUid(canonicalPod: string, nodeName: string, filePath: string): string {
  return createHash('md5')
    .update(canonicalPod)
    .update('host:' + nodeName)
    .update('file:' + filePath)
    .digest('hex');
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
