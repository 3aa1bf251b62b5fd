/**
 * The wire protocol every host speaks: the same JSON messages travel over Electron IPC, the
 * browser mode's WebSocket and, in-process, for the CLI. Calls are request/response; streams
 * are opened, deliver events with credit-based backpressure (the client acknowledges what it
 * has handled, the host pauses the producer when too much is unacknowledged), and close from
 * either side — a close from the client stops the producer, e.g. the remote `journalctl -f`.
 */
import { z } from 'zod';
import type { ContractErrorBody } from './errors';

/** Events a host may have in flight on one stream before the client acknowledges them. */
export const STREAM_WINDOW = 256;

const RequestId = z.number().int().nonnegative();

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), id: RequestId, op: z.string().max(100), input: z.unknown() }),
  z.object({ type: z.literal('open'), id: RequestId, stream: z.string().max(100), args: z.unknown() }),
  z.object({ type: z.literal('ack'), id: RequestId, count: z.number().int().positive() }),
  z.object({ type: z.literal('close'), id: RequestId }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export type HostMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: ContractErrorBody }
  | { type: 'event'; id: number; data: unknown }
  | { type: 'end'; id: number; error?: ContractErrorBody };

/** A bidirectional message channel; each host provides one (IPC, WebSocket, in-process). */
export interface MessageChannelLike<Out, In> {
  send(message: Out): void;
  /** Returns an unsubscribe function. */
  onMessage(listener: (message: In) => void): () => void;
}

export type ClientChannel = MessageChannelLike<ClientMessage, HostMessage>;
