/**
 * The control-plane doctor and the break-glass bundle (docs/doctor.md): findings about
 * certificates, the cgroup driver, etcd, node conditions and images, read from the node even
 * while the API server is down; and one archive from several nodes, with secrets redacted.
 */
import { z } from 'zod';
import type { DoctorReport } from '../domain/doctor';
import { NodeId } from '../nodes';
import { OnNode, type OperationSpec, type StreamSpec } from '../operation-spec';

export interface BundleResult {
  /** Where the archive was written (mode 0600). */
  path: string;
  bytes: number;
  /** Per node: what went in, and what could not be read. */
  nodes: Array<{ id: string; name: string; files: number; problems: string[] }>;
  /** How many secret values were replaced by `<redacted>`. */
  redactions: number;
}

export const doctorOperations = {
  'doctor.run': {
    input: OnNode,
    output: z.custom<DoctorReport>(),
    summary:
      'Certificates, cgroup driver, etcd, node conditions and images of a node, each finding with its evidence and next step.',
  },
  'doctor.bundle': {
    input: z
      .object({
        ids: z.array(NodeId).min(1).max(50),
        /** A file to write; default: a new file in the app's data directory. */
        output: z.string().min(1).max(4096).optional(),
      })
      .strict(),
    output: z.custom<BundleResult>(),
    summary:
      'A break-glass archive (tar.gz) of the given nodes: manifests, pods, findings, logs, certificate summaries, configs, a merged timeline; secrets redacted.',
  },
} as const satisfies Record<string, OperationSpec>;

export const doctorStreams = {} as const satisfies Record<string, StreamSpec>;
