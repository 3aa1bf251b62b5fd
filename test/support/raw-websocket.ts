/**
 * A WebSocket client at the byte level, for tests that send what a browser never would: any
 * request headers (a forged Origin, credentials), then arbitrary frames (reserved opcodes,
 * oversize lengths, invalid UTF-8). Frames are masked as RFC 6455 §5.3 requires of a client.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export interface RawWebSocket {
  /** The status line's code: 101 when the server accepted the upgrade. */
  status: number;
  /** The response headers, lower-cased names. */
  headers: Record<string, string>;
  socket: net.Socket;
  /** Sends one frame: first byte (FIN, RSV, opcode) and payload, masked; `length` overrides the length field. */
  sendFrame(firstByte: number, payload: Buffer, length?: number): void;
  /** Sends a text message (one final frame). */
  sendText(text: string): void;
  /** Resolves with the next complete text message from the server, or null when the socket closes. */
  nextText(): Promise<string | null>;
  /** Resolves when the server has closed the connection. */
  closed: Promise<void>;
  /** The status code of the server's close frame, once one came (RFC 6455 §7.4). */
  closeCode(): number | null;
}

export function encodeFrame(firstByte: number, payload: Buffer, length = payload.length): Buffer {
  const mask = randomBytes(4);
  let header: Buffer;
  if (length < 126) header = Buffer.from([firstByte, 0x80 | length]);
  else if (length < 0x10000) {
    header = Buffer.alloc(4);
    header[0] = firstByte;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = firstByte;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i++) masked[i] = (masked[i] as number) ^ (mask[i % 4] as number);
  return Buffer.concat([header, mask, masked]);
}

export function openRawWebSocket(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<RawWebSocket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => {});
    let buffered = Buffer.alloc(0);
    let handshakeDone = false;
    const texts: string[] = [];
    const waiters: Array<(text: string | null) => void> = [];
    let ended = false;
    let closeCode: number | null = null;
    const deliver = () => {
      while (texts.length > 0 && waiters.length > 0) waiters.shift()?.(texts.shift() as string);
      if (ended) while (waiters.length > 0) waiters.shift()?.(null);
    };
    const readFrames = () => {
      for (;;) {
        if (buffered.length < 2) return;
        const opcode = (buffered[0] as number) & 0x0f;
        let length = (buffered[1] as number) & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffered.length < 4) return;
          length = buffered.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffered.length < 10) return;
          length = Number(buffered.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffered.length < offset + length) return;
        const payload = buffered.subarray(offset, offset + length);
        buffered = buffered.subarray(offset + length);
        if (opcode === 1) texts.push(payload.toString('utf8'));
        if (opcode === 8) {
          // Answer the close as a client must; the server then ends the TCP connection.
          closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
          socket.end(encodeFrame(0x88, payload.subarray(0, 2)));
        }
      }
    };
    socket.on('close', () => {
      ended = true;
      deliver();
    });
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (!handshakeDone) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        handshakeDone = true;
        const [statusLine = '', ...lines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
        buffered = buffered.subarray(end + 4);
        const responseHeaders: Record<string, string> = {};
        for (const line of lines) {
          const colon = line.indexOf(':');
          if (colon > 0)
            responseHeaders[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        resolve({
          status: Number(statusLine.split(' ')[1]),
          headers: responseHeaders,
          socket,
          sendFrame: (firstByte, payload, length) => socket.write(encodeFrame(firstByte, payload, length)),
          sendText: (text) => socket.write(encodeFrame(0x81, Buffer.from(text, 'utf8'))),
          nextText: () =>
            new Promise((done) => {
              waiters.push(done);
              deliver();
            }),
          closed,
          closeCode: () => closeCode,
        });
      }
      readFrames();
      deliver();
    });
    socket.once('connect', () => {
      const lines = [
        `GET ${path} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    socket.once('close', () => {
      if (!handshakeDone) reject(new Error('the server closed the connection before answering the upgrade'));
    });
  });
}
