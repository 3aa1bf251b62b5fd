/**
 * "Will this boot?" — images. With `crictl images -o json` the app knows which images the
 * runtime holds; each container's image is then present (IfNotPresent: used as is), pulled
 * (Always, or absent), or impossible (Never and absent: ErrImageNeverPull). "From where" is the
 * registry the reference names (docker.io when it names none), and a containerd hosts.toml for
 * that registry means the pull may go to a mirror.
 */
import { list, obj, str } from '../../kubelet/decode/pod-defaults';
import type { DecodedObject } from '../../kubelet/go-types/typed-decode';
import type { BootFinding } from '../../contract/domain/boot-check';

export interface RuntimeImage {
  id: string;
  repoTags: string[];
  repoDigests: string[];
}

/** `crictl images -o json` → its images (fields other than these are ignored). */
export function parseCrictlImages(text: string): RuntimeImage[] {
  const parsed = JSON.parse(text) as { images?: unknown };
  return list(parsed.images as never).map((raw) => {
    const image = obj(raw);
    return {
      id: str(image.id),
      repoTags: list(image.repoTags).map((t) => str(t)),
      repoDigests: list(image.repoDigests).map((t) => str(t)),
    };
  });
}

/** Docker's normalisation of a reference: `nginx` → `docker.io/library/nginx:latest`. */
export function normaliseImage(ref: string): { registry: string; full: string; digest: string | null } {
  const [namePart, digest] = ref.split('@') as [string, string | undefined];
  const slash = namePart.indexOf('/');
  const first = slash >= 0 ? namePart.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  let path = hasRegistry ? namePart.slice(slash + 1) : namePart;
  if (!hasRegistry && !path.includes('/')) path = `library/${path}`;
  const lastSlash = path.lastIndexOf('/');
  const hasTag = path.slice(lastSlash + 1).includes(':');
  const full = `${registry}/${path}${hasTag || digest ? '' : ':latest'}`;
  return { registry, full, digest: digest ?? null };
}

function isPresent(ref: string, images: RuntimeImage[]): RuntimeImage | undefined {
  const want = normaliseImage(ref);
  return images.find((img) => {
    if (want.digest)
      return img.repoDigests.some(
        (d) =>
          d.endsWith(`@${want.digest}`) && normaliseImage(d).full.split('@')[0] === want.full.split('@')[0],
      );
    return (
      img.repoTags.some((t) => normaliseImage(t).full === want.full) ||
      img.id === ref ||
      img.id === `sha256:${ref}`
    );
  });
}

export function judgeImages(
  pod: DecodedObject,
  images: RuntimeImage[] | { unknown: string },
  mirrors: Set<string> | null,
): BootFinding[] {
  const spec = obj(pod.spec);
  const containers = [...list(spec.initContainers), ...list(spec.containers)].map(obj);
  if ('unknown' in images)
    return [
      {
        check: 'images',
        status: 'not-checked',
        title: "Could not list the runtime's images.",
        detail: images.unknown,
        evidence: [],
        line: null,
      },
    ];
  const findings: BootFinding[] = [];
  for (const c of containers) {
    const ref = str(c.image);
    const policy = str(c.imagePullPolicy);
    const present = isPresent(ref, images);
    const { registry } = normaliseImage(ref);
    const where = `${registry}${mirrors?.has(registry) ? ` (containerd has a hosts.toml for ${registry}: a mirror may serve it)` : ''}`;
    const evidence = [
      present
        ? `crictl images: ${present.repoTags[0] ?? present.id}`
        : `crictl images: no image matches ${ref}`,
    ];
    if (!present && policy === 'Never') {
      findings.push({
        check: 'images',
        status: 'problem',
        title: `${str(c.name)}: ${ref} is not on the node and imagePullPolicy is Never.`,
        detail: 'The kubelet will not pull it (ErrImageNeverPull): the container cannot start.',
        evidence,
        line: null,
      });
    } else if (!present || policy === 'Always') {
      findings.push({
        check: 'images',
        status: 'warning',
        title: `${str(c.name)}: ${ref} will be pulled from ${where}${present ? ' (imagePullPolicy Always, though the node has it)' : ''}.`,
        detail: 'The pod starts only if the node can reach the registry and the image exists there.',
        evidence,
        line: null,
      });
    } else {
      findings.push({
        check: 'images',
        status: 'ok',
        title: `${str(c.name)}: ${ref} is on the node (imagePullPolicy ${policy}).`,
        detail: null,
        evidence,
        line: null,
      });
    }
  }
  return findings;
}
