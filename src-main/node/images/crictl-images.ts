/**
 * `crictl images -o json` (protojson of ListImagesResponse: `images[].{id, repoTags, repoDigests,
 * size, pinned}`) and `crictl imagefsinfo -o json` (`{"status": {"imageFilesystems": [{fsId:
 * {mountpoint}, usedBytes: {value}, inodesUsed: {value}}]}}`) [src: cri-tools cmd/crictl/image.go,
 * util.go; cri-api api.proto ImageFsInfoResponse].
 */
import { parseBoundedJson } from '../doctor/bounded-json';

export interface RuntimeImage {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  pinned: boolean;
}

const rec = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

export function parseCrictlImages(text: string): RuntimeImage[] | null {
  const parsed = parseBoundedJson(text);
  if (!parsed.ok) return null;
  const images = rec(parsed.value).images;
  if (!Array.isArray(images)) return null;
  return images.slice(0, 5000).map((i) => {
    const r = rec(i);
    return {
      id: typeof r.id === 'string' ? r.id : '',
      repoTags: strs(r.repoTags),
      repoDigests: strs(r.repoDigests),
      pinned: r.pinned === true,
    };
  });
}

export interface ImageFs {
  mountpoint: string;
  usedBytes: number | null;
  inodesUsed: number | null;
}

export function parseImageFsInfo(text: string): ImageFs[] | null {
  const parsed = parseBoundedJson(text);
  if (!parsed.ok) return null;
  const fss = rec(rec(parsed.value).status).imageFilesystems;
  if (!Array.isArray(fss)) return null;
  const n = (v: unknown): number | null => {
    const x = rec(v).value;
    return typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : typeof x === 'number' ? x : null;
  };
  return fss.slice(0, 10).map((f) => {
    const r = rec(f);
    return {
      mountpoint: String(rec(r.fsId).mountpoint ?? ''),
      usedBytes: n(r.usedBytes),
      inodesUsed: n(r.inodesUsed),
    };
  });
}

/**
 * Whether `wanted` is among the runtime's images: `registry.k8s.io/etcd:3.5.16-0` matches a repo
 * tag exactly; a Docker Hub short name (`busybox`) as `docker.io/library/busybox:latest`; a digest
 * reference matches a repo digest.
 */
export function hasImage(images: RuntimeImage[], wanted: string): boolean {
  const ref = normalizeImage(wanted);
  return images.some(
    (i) => i.repoTags.some((t) => normalizeImage(t) === ref) || i.repoDigests.includes(wanted),
  );
}

export function normalizeImage(ref: string): string {
  let r = ref.trim();
  if (!r.includes('@') && !/:[^/]+$/.test(r)) r += ':latest';
  const first = r.split('/')[0] ?? '';
  if (!r.includes('/')) return `docker.io/library/${r}`;
  if (!first.includes('.') && !first.includes(':') && first !== 'localhost') return `docker.io/${r}`;
  return r;
}

/** The registry host an image reference is pulled from (Docker Hub for short names). */
export function registryOf(ref: string): string {
  return normalizeImage(ref).split('/')[0] ?? '';
}
