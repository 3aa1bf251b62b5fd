/**
 * Which file won (issue: for every running static pod, the file that produced it, and why every
 * other file lost). The kubelet's own UID is a hash of a Go deep-print of its internal Pod type
 * and cannot be recomputed outside it (docs/kubelet.md §1.4), so on a real node the match rests on:
 * a manifest that fixes metadata.uid; the running containers' images against each candidate file;
 * and failing those, the kubelet's reading order (the last file declaring the pod wins). The
 * simulated kubelet hashes with this app's own stand-in, so there the config hash matches exactly.
 */
import { list, obj, str } from '../kubelet/decode/pod-defaults';
import type { DirectoryJudgement } from '../kubelet/manifest-directory-rules';
import type { StaticPodSource } from '../contract/domain/static-pod-source';
import { normaliseImage } from './boot/image-check';

export interface RunningStaticPod {
  /** `namespace/name` */
  key: string;
  /** The static UID (= kubernetes.io/config.hash). */
  uid: string;
  /** Container name → image reference, as the runtime or the mirror pod reports it. */
  images: Map<string, string>;
}

/** Two references to the same image (tags compared after normalisation, digests by repository too). */
function sameImage(a: string, b: string): boolean {
  const x = normaliseImage(a);
  const y = normaliseImage(b);
  if (x.digest && y.digest) return x.digest === y.digest;
  return x.full === y.full;
}

/**
 * @param uidsComparable true when the kubelet hashes as this app does (the simulated kubelet);
 *   a real kubelet's hash is never claimed to match.
 */
export function staticPodSource(
  pod: RunningStaticPod,
  directory: DirectoryJudgement,
  uidsComparable: boolean,
): StaticPodSource {
  const candidates = directory.entries.flatMap((e) =>
    e.outcome === 'pod' && e.verdict.pod.key === pod.key ? [e] : [],
  );
  const winner = candidates.find((c) => c.won) ?? null;
  const others = (chosen: string | null) => {
    const out: StaticPodSource['others'] = [];
    for (const c of candidates) {
      if (c.name === chosen) continue;
      out.push({
        file: c.name,
        why: c.won
          ? `The kubelet keeps it (it sorts last), yet the running pod does not match its content: it may not have picked up the latest change yet.`
          : `It sorts before ${c.lostTo}, which declares the same pod: the kubelet keeps the file it reads last (byte order).`,
      });
    }
    for (const e of directory.entries)
      if (e.outcome === 'ignored' && e.wouldDeclare === pod.key)
        out.push({ file: e.name, why: 'The kubelet never reads it: its name starts with ".".' });
    return out;
  };
  if (candidates.length === 0)
    return {
      file: null,
      match: 'none',
      evidence: [`No file the kubelet reads declares ${pod.key}.`],
      others: [],
    };

  const byUid = candidates.find((c) => c.verdict.pod.manifestUid === pod.uid);
  if (byUid)
    return {
      file: byUid.name,
      match: 'manifest-uid',
      evidence: [`${byUid.name} sets metadata.uid ${pod.uid}, the pod's UID.`],
      others: others(byUid.name),
    };
  if (uidsComparable) {
    const byHash = candidates.find((c) => c.verdict.pod.derivedUid === pod.uid);
    if (byHash)
      return {
        file: byHash.name,
        match: 'config-hash',
        evidence: [
          `kubernetes.io/config.hash ${pod.uid} is the UID of ${byHash.name}'s content, node and path.`,
        ],
        others: others(byHash.name),
      };
  }

  const matches = candidates.filter((c) => {
    const containers = list(obj(c.verdict.object.spec).containers).map(obj);
    return (
      pod.images.size > 0 &&
      containers.length === pod.images.size &&
      containers.every((ct) => {
        const running = pod.images.get(str(ct.name));
        return running !== undefined && sameImage(running, str(ct.image));
      })
    );
  });
  const running = [...pod.images].map(([name, image]) => `${name}: ${image}`).join(', ');
  if (matches.length === 1)
    return {
      file: matches[0].name,
      match: 'content',
      evidence: [
        `Running containers (${running}) match ${matches[0].name}${candidates.length > 1 ? ' and no other file declaring the pod' : ''}.`,
      ],
      others: others(matches[0].name),
    };
  const chosen = (matches.length > 1 ? matches.find((m) => m.won) : null) ?? winner;
  return {
    file: chosen?.name ?? null,
    match: 'directory-rule',
    evidence: [
      matches.length > 1
        ? `${matches.map((m) => m.name).join(' and ')} both match the running containers (${running}); the kubelet keeps the one it reads last.`
        : `No file's images match the running containers (${running || 'none known'}); the kubelet keeps ${chosen?.name ?? 'none'}, the last in byte order.`,
    ],
    others: others(chosen?.name ?? null),
  };
}
