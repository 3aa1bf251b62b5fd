/**
 * What a browser tab of the app does on the wire (src-renderer/api/browser-session.ts), for tests
 * that talk to browser mode without a browser: the first connection offers the launch token, each
 * later one the resume secret the server sent first on the previous connection.
 */
import {
  BROWSER_PROTOCOL,
  LAUNCH_PROTOCOL_PREFIX,
  RESUME_PROTOCOL_PREFIX,
  isBrowserSessionMessage,
} from '../../src-main/contract';
import { openRawWebSocket, type RawWebSocket } from './raw-websocket';

export class TestTab {
  private secret: { kind: 'launch' | 'resume'; value: string };

  constructor(
    readonly port: number,
    launchToken: string,
    readonly origin = `http://127.0.0.1:${port}`,
  ) {
    this.secret = { kind: 'launch', value: launchToken };
  }

  /** The Sec-WebSocket-Protocol value this tab would offer now. */
  protocols(): string {
    const prefix = this.secret.kind === 'launch' ? LAUNCH_PROTOCOL_PREFIX : RESUME_PROTOCOL_PREFIX;
    return `${BROWSER_PROTOCOL}, ${prefix}${this.secret.value}`;
  }

  /** Opens the tab's next connection, as a reload would; throws when the server refuses it. */
  async connect(): Promise<RawWebSocket> {
    const ws = await openRawWebSocket(this.port, '/api/ws', {
      Origin: this.origin,
      'Sec-WebSocket-Protocol': this.protocols(),
    });
    if (ws.status !== 101) throw new Error(`the server refused the tab's connection: ${ws.status}`);
    const first: unknown = JSON.parse((await ws.nextText()) ?? 'null');
    if (!isBrowserSessionMessage(first))
      throw new Error(`no session message first: ${JSON.stringify(first)}`);
    this.secret = { kind: 'resume', value: first.resume };
    return ws;
  }
}
