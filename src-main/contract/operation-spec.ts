import { z } from 'zod';
import { NodeId } from './nodes';

export interface OperationSpec {
  /** Validated at the process boundary before any handler runs. */
  input: z.ZodType;
  output: z.ZodType;
  /** One line, shown by `kubelet-studio call --list`. */
  summary: string;
}

export interface StreamSpec {
  args: z.ZodType;
  event: z.ZodType;
  summary: string;
}

export const NoInput = z.object({}).strict();

/** Most operations act on one node of the node list. */
export const OnNode = z.object({ id: NodeId }).strict();
