/**
 * Every finding of a pods snapshot (issue 6 point 2), errors first. Each rule is a pure
 * function of the snapshot's parts (finding-input.ts), tested on its own.
 */
import type { Finding, FindingSeverity } from '../../contract/domain/node-pods';
import { crashLoopFindings } from './container-findings';
import type { FindingInput, FindingRule } from './finding-input';
import {
  duplicateManifests,
  manifestWithoutSandbox,
  sandboxWithoutManifest,
  unreadableManifests,
} from './manifest-findings';
import {
  apiAccessFindings,
  appliedManifestPod,
  mirrorMetadataChanged,
  mirrorMissing,
  mirrorStale,
} from './mirror-findings';
import { staticPathFindings } from './static-path-findings';

const RULES: FindingRule[] = [
  staticPathFindings,
  unreadableManifests,
  manifestWithoutSandbox,
  duplicateManifests,
  sandboxWithoutManifest,
  crashLoopFindings,
  apiAccessFindings,
  mirrorMissing,
  mirrorStale,
  mirrorMetadataChanged,
  appliedManifestPod,
];

const RANK: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

export function collectFindings(input: FindingInput): Finding[] {
  return RULES.flatMap((rule) => rule(input)).sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

export type { FindingInput } from './finding-input';
export { crashLoops } from './container-findings';
export { groupByCause } from './causes';
