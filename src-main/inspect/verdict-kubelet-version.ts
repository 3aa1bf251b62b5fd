/**
 * The kubelet version manifest verdicts assume: the one discovery read on the node, else the
 * newest the kubelet model knows, said as an assumption (src-main/kubelet/kubelet-version.ts).
 */
import type { AssumedKubeletVersion } from '../contract/domain/boot-check';
import type { KubeletVersionRead } from '../contract/domain/discovery';
import {
  ASSUMED_VERSION,
  describeVersion,
  parseKubeletVersion,
  type KubeletVersion,
} from '../kubelet/kubelet-version';

export function versionForVerdicts(read: KubeletVersionRead): KubeletVersion {
  if (read.version === null || read.source === 'unknown') return ASSUMED_VERSION;
  return parseKubeletVersion(read.version, read.source) ?? ASSUMED_VERSION;
}

/** The version as the contract states it: what it is, where it came from, what was read. */
export function assumedVersion(
  version: KubeletVersion,
  read: KubeletVersionRead,
): AssumedKubeletVersion & { evidence: string } {
  return {
    text: version.text,
    source: version.source,
    described: describeVersion(version),
    evidence: read.evidence,
  };
}
