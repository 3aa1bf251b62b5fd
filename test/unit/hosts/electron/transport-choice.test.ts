import { describe, expect, it } from 'vitest';
import { MISSING_BRIDGE, NOT_SERVED, chooseTransport } from '../../../../src-renderer/api/transport-choice';

const bridge = { send() {}, onMessage: () => () => {} };

describe('chooseTransport (renderer)', () => {
  it("the Electron window uses the preload's bridge", () => {
    expect(chooseTransport({ protocol: 'app:' }, bridge)).toEqual({ kind: 'electron', bridge });
  });

  it('browser mode uses the WebSocket', () => {
    expect(chooseTransport({ protocol: 'http:' }, undefined)).toEqual({ kind: 'browser' });
  });

  it('an app:// page without the bridge says the preload did not load, not that a server stopped', () => {
    const choice = chooseTransport({ protocol: 'app:' }, undefined);
    expect(choice).toEqual({ kind: 'unreachable', reason: MISSING_BRIDGE });
    expect(MISSING_BRIDGE).toMatch(/preload/);
    expect(MISSING_BRIDGE).not.toMatch(/server/i);
  });

  it('a half-made bridge is no bridge', () => {
    expect(chooseTransport({ protocol: 'app:' }, { send() {} })).toMatchObject({ kind: 'unreachable' });
    expect(chooseTransport({ protocol: 'app:' }, null)).toMatchObject({ kind: 'unreachable' });
  });

  it('index.html opened as a file says how to start the app', () => {
    expect(chooseTransport({ protocol: 'file:' }, undefined)).toEqual({
      kind: 'unreachable',
      reason: NOT_SERVED,
    });
  });
});
