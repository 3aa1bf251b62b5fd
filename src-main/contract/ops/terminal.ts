/**
 * The terminal pane (issue 7 point 4): an interactive shell on the node's PTY. The stream
 * carries the shell's output; keystrokes, window size and the renderer's progress travel as
 * operations naming the session the stream announced in its first event. Closing the stream
 * ends the shell on the node (docs/security.md "SSH": no orphans).
 */
import { z } from 'zod';
import { MAX_TERMINAL_INPUT_BYTES, utf8String } from '../limits';
import { NodeId } from '../nodes';
import type { OperationSpec, StreamSpec } from '../operation-spec';

/** Terminal sizes a screen can show; anything else is a bug or an attack on the PTY ioctl. */
const Cols = z.number().int().min(2).max(1000);
const Rows = z.number().int().min(1).max(500);
const SessionId = z.string().min(8).max(100);

export const TerminalOpenArgs = z
  .object({
    id: NodeId,
    cols: Cols,
    rows: Rows,
    /**
     * The client acknowledges output with terminal.ack once its terminal has drawn it, and the
     * shell pauses while too much is unacknowledged (keeps xterm.js's write buffer bounded).
     * Without it only the stream's event window applies (the CLI, tests).
     */
    ackOutput: z.boolean().optional(),
  })
  .strict();

export const TerminalEvent = z.discriminatedUnion('type', [
  /** First event: the session id for terminal.input/resize/ack, and what runs. */
  z.object({ type: z.literal('ready'), sessionId: SessionId, title: z.string() }),
  /** Output as text: whole UTF-8 characters only (a character split by the PTY waits for its rest). */
  z.object({ type: z.literal('output'), data: z.string() }),
  /** The shell ended; the stream ends right after. */
  z.object({ type: z.literal('exit'), code: z.number().int().nullable(), signal: z.string().nullable() }),
]);
export type TerminalEvent = z.infer<typeof TerminalEvent>;

const Done = z.object({ ok: z.literal(true) });

export const terminalOperations = {
  'terminal.input': {
    // A paste may be large; 1 MiB per call keeps one message reasonable (the renderer splits).
    input: z
      .object({
        sessionId: SessionId,
        data: utf8String(MAX_TERMINAL_INPUT_BYTES, 'The typed or pasted text').min(1),
      })
      .strict(),
    output: Done,
    summary: 'Type into a terminal session (keystrokes or pasted text).',
  },
  'terminal.resize': {
    input: z.object({ sessionId: SessionId, cols: Cols, rows: Rows }).strict(),
    output: Done,
    summary: "Set a terminal session's window size (the shell gets SIGWINCH).",
  },
  'terminal.ack': {
    input: z
      .object({
        sessionId: SessionId,
        chars: z
          .number()
          .int()
          .positive()
          .max(1 << 30),
      })
      .strict(),
    output: Done,
    summary: 'Tell a terminal session how much output the client has drawn (flow control).',
  },
} as const satisfies Record<string, OperationSpec>;

export const terminalStreams = {
  'terminal.open': {
    args: TerminalOpenArgs,
    event: TerminalEvent,
    summary: 'Open an interactive shell on the node; closing the stream ends the shell.',
  },
} as const satisfies Record<string, StreamSpec>;
