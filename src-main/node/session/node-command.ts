/**
 * A command to run on a node: an argv built by a named operation (crictlPods, readFile …),
 * never a string. Quoting happens once, in ssh/command-line.ts.
 */
import type { ArgvInput } from '../../ssh/command-line';

export interface NodeCommand {
  /** What the command is for, in words, for error messages: "list the pod sandboxes". */
  purpose: string;
  argv: ArgvInput;
  /** Needs root on the node (manifests are 0600 root, crictl talks to a root socket). */
  privileged?: boolean;
  /** Bytes for the command's stdin (never shared with a sudo password: see ssh/sudo.ts). */
  stdin?: Buffer;
  /** Milliseconds before the command is given up on; default 30 s. */
  timeoutMs?: number;
}

export interface CommandOutput {
  stdout: Buffer;
  stderr: string;
  code: number | null;
  signal: string | null;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;
