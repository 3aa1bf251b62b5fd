/**
 * The browser mode's WebSocket carries at most MAX_MESSAGE_BYTES in one message; the server
 * closes the connection on anything larger. A message over the limit is therefore never sent:
 * its call or stream fails at once with what happened, and the page keeps its connection.
 */
import {
  MAX_MESSAGE_BYTES,
  formatBytes,
  utf8ByteLength,
  type ClientMessage,
  type HostMessage,
} from '../../src-main/contract';

export function refuseOversize(message: ClientMessage, text: string): HostMessage | null {
  // Each UTF-16 unit is at most 3 bytes: short messages need no counting.
  if (text.length * 3 <= MAX_MESSAGE_BYTES) return null;
  const bytes = utf8ByteLength(text);
  if (bytes <= MAX_MESSAGE_BYTES) return null;
  const error = {
    code: 'invalid-argument' as const,
    message: `This request is ${formatBytes(bytes)}; Kubelet Studio takes at most ${formatBytes(MAX_MESSAGE_BYTES)} in one message. Nothing was sent.`,
  };
  if (message.type === 'call') return { type: 'result', id: message.id, ok: false, error };
  if (message.type === 'open') return { type: 'end', id: message.id, error };
  return null;
}
