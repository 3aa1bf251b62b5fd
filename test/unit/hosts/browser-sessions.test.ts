import { describe, expect, it } from 'vitest';
import { BROWSER_PROTOCOL, LAUNCH_PROTOCOL_PREFIX, RESUME_PROTOCOL_PREFIX } from '../../../src-main/contract';
import { BrowserSessions, credentialFromProtocols } from '../../../src-main/hosts/web/browser-sessions';

const ORIGIN = 'http://127.0.0.1:4000';
const token43 = 'T'.repeat(43);

describe('browser mode credentials', () => {
  it('takes exactly one well-formed credential from the offered subprotocols', () => {
    expect(credentialFromProtocols(undefined)).toBeNull();
    expect(credentialFromProtocols(BROWSER_PROTOCOL)).toBeNull();
    expect(credentialFromProtocols(`${BROWSER_PROTOCOL}, ${LAUNCH_PROTOCOL_PREFIX}${token43}`)).toEqual({
      kind: 'launch',
      value: token43,
    });
    expect(credentialFromProtocols(`${RESUME_PROTOCOL_PREFIX}${token43}`)).toEqual({
      kind: 'resume',
      value: token43,
    });
    // Two credentials, too short, or characters outside base64url: none.
    expect(
      credentialFromProtocols(`${LAUNCH_PROTOCOL_PREFIX}${token43}, ${RESUME_PROTOCOL_PREFIX}${token43}`),
    ).toBeNull();
    expect(credentialFromProtocols(`${LAUNCH_PROTOCOL_PREFIX}short`)).toBeNull();
    expect(credentialFromProtocols(`${LAUNCH_PROTOCOL_PREFIX}${'a'.repeat(42)}=`)).toBeNull();
  });

  it('a launch token admits one tab, once; no token before one was made', () => {
    const sessions = new BrowserSessions();
    expect(sessions.admit({ kind: 'launch', value: token43 }, ORIGIN)).toBeNull();
    const token = sessions.newLaunchToken();
    expect(sessions.admit({ kind: 'launch', value: token }, ORIGIN)).not.toBeNull();
    expect(sessions.admit({ kind: 'launch', value: token }, ORIGIN)).toBeNull();
  });

  it("a tab's secret stops working once its grace after the connection closed has passed", () => {
    let now = 1_000;
    const sessions = new BrowserSessions({ resumeGraceMs: 60_000, now: () => now });
    const tab = sessions.admit({ kind: 'launch', value: sessions.newLaunchToken() }, ORIGIN);
    if (!tab) throw new Error('not admitted');
    const close = () => {};
    const secret = sessions.attach(tab, close);
    now += 3_600_000; // an open connection keeps its secret valid however long
    sessions.detach(tab, close);
    now += 60_000;
    expect(sessions.admit({ kind: 'resume', value: secret }, ORIGIN)).toBeNull();
    expect(sessions.tabCount).toBe(0);
  });

  it('within its grace a secret reconnects its tab, and is then spent', () => {
    let now = 1_000;
    const sessions = new BrowserSessions({ resumeGraceMs: 60_000, now: () => now });
    const tab = sessions.admit({ kind: 'launch', value: sessions.newLaunchToken() }, ORIGIN);
    if (!tab) throw new Error('not admitted');
    const close = () => {};
    const secret = sessions.attach(tab, close);
    sessions.detach(tab, close);
    now += 59_999;
    expect(sessions.admit({ kind: 'resume', value: secret }, ORIGIN)).toBe(tab);
    expect(sessions.admit({ kind: 'resume', value: secret }, ORIGIN)).toBeNull();
  });

  it('keeps at most maxTabs tabs, dropping unconnected ones first', () => {
    const sessions = new BrowserSessions({ maxTabs: 3 });
    const connected = sessions.admit({ kind: 'launch', value: sessions.newLaunchToken() }, ORIGIN);
    if (!connected) throw new Error('not admitted');
    const secret = sessions.attach(connected, () => {});
    for (let i = 0; i < 10; i++) sessions.admit({ kind: 'launch', value: sessions.newLaunchToken() }, ORIGIN);
    expect(sessions.tabCount).toBe(3);
    expect(sessions.admit({ kind: 'resume', value: secret }, ORIGIN)).toBe(connected);
  });
});
