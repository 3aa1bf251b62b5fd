/**
 * Questions the core must ask the user in the middle of an operation: trust an unknown host
 * key (before any authentication is sent, docs/security.md "SSH"), passwords, key passphrases,
 * keyboard-interactive answers, the sudo password. The UI subscribes to the stream and
 * answers; secrets travel in the answer only and are kept in memory by the core.
 */
import { z } from 'zod';
import { NoInput, type OperationSpec, type StreamSpec } from '../operation-spec';

export const PromptKind = z.enum([
  'host-key',
  'password',
  'passphrase',
  'keyboard-interactive',
  'sudo-password',
]);
export type PromptKind = z.infer<typeof PromptKind>;

export const Prompt = z.object({
  id: z.string(),
  kind: PromptKind,
  /** The node this is for, as the node list names it. */
  nodeName: z.string(),
  title: z.string(),
  /** What is being asked and why, in words. */
  message: z.string(),
  /** For host keys: host, port, key type, fingerprint, the ssh-keygen -lf line, jump hop. */
  details: z.record(z.string(), z.string()),
  /** One input per answer value; none for a yes/no question. */
  fields: z.array(z.object({ label: z.string(), secret: z.boolean() })),
  /** The label of the accepting button ("Trust and connect", "Unlock", "Log in"). */
  acceptLabel: z.string(),
});
export type Prompt = z.infer<typeof Prompt>;

export const promptOperations = {
  'prompts.answer': {
    input: z
      .object({
        promptId: z.string().max(100),
        accept: z.boolean(),
        values: z
          .array(z.string().max(64 * 1024))
          .max(20)
          .optional(),
      })
      .strict(),
    output: z.object({ delivered: z.boolean() }),
    summary: 'Answer a question the core asked (host key, password, passphrase, sudo).',
  },
} as const satisfies Record<string, OperationSpec>;

export const promptStreams = {
  'prompts.events': {
    args: NoInput,
    event: z.discriminatedUnion('type', [
      z.object({ type: z.literal('ask'), prompt: Prompt }),
      z.object({ type: z.literal('settled'), promptId: z.string() }),
    ]),
    summary: 'Questions waiting for the user, and when they are settled.',
  },
} as const satisfies Record<string, StreamSpec>;
