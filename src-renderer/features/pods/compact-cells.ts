/**
 * Short forms for the cells of the joined Pods table, so the crictl and kubectl views fit side
 * by side in a pane of ~600 px (issue 6 point 1). Each cell keeps the full value in its title.
 * Pure: no DOM, tested in test/unit/pods-ui/compact-cells.test.ts.
 */

const HEX_ID = /^[0-9a-f]{13,}$/;

/**
 * An image reference reduced to what tells two images apart at a glance:
 * - `sha256:<hex>` or a bare hex image id → its first 13 hex characters, as crictl's IMAGE
 *   column prints it (docs/kubelet.md §3.2);
 * - `repo[:port]/name:tag[@digest]` → the tag (the API's `status.containerStatuses[].image`);
 * - `repo/name@sha256:<hex>` (containerd's `imageRef`, §3.3) → `@` and the digest's first 12 hex;
 * - anything else → its last path segment.
 */
export function compactImage(ref: string): string {
  if (!ref) return '–';
  const bare = ref.startsWith('sha256:') ? ref.slice('sha256:'.length) : ref;
  if (HEX_ID.test(bare)) return bare.slice(0, 13);
  const at = ref.indexOf('@');
  const named = at >= 0 ? ref.slice(0, at) : ref;
  const slash = named.lastIndexOf('/');
  const colon = named.lastIndexOf(':');
  if (colon > slash) return named.slice(colon + 1);
  if (at >= 0) {
    const digest = ref.slice(at + 1).replace(/^sha256:/, '');
    if (HEX_ID.test(digest)) return `@${digest.slice(0, 12)}`;
  }
  return named.slice(slash + 1) || ref;
}

/** Container ids and images of one side, one container a line, for a cell's tooltip. */
export function containersTitle(ids: readonly string[], images: readonly string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < Math.max(ids.length, images.length); i++)
    lines.push(`${ids[i] ?? '–'}  ${images[i] ?? ''}`.trimEnd());
  return lines.join('\n');
}

/** The cell text: the ids, then each image's short form (the full refs are in the title). */
export function containersText(ids: readonly string[], images: readonly string[]): string {
  const parts = [...ids, ...images.map(compactImage)];
  return parts.length > 0 ? parts.join(' ') : '–';
}
