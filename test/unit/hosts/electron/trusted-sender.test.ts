import { describe, expect, it } from 'vitest';
import { isTrustedSender, type FrameFacts } from '../../../../src-main/hosts/electron/trusted-sender';

// Frames shaped as Electron's WebFrameMain shows them (api/web-frame-main.md): processId is
// Chromium's internal process id, frameToken an UnguessableToken, parent null for a top frame.
function windowShowing(url: string) {
  const mainFrame: FrameFacts = {
    url,
    parent: null,
    processId: 4,
    frameToken: '6F1E0C2B9A8D4E7F8A1B2C3D4E5F6071',
  };
  return { mainFrame };
}
const APP_PAGE = 'app://kubelet-studio/index.html';

describe('isTrustedSender', () => {
  it("trusts the app's own main frame on app://kubelet-studio/", () => {
    const contents = windowShowing(APP_PAGE);
    expect(isTrustedSender(contents, contents.mainFrame)).toBe(true);
  });

  it('trusts another WebFrameMain object for the same main frame (same process and token)', () => {
    const contents = windowShowing(APP_PAGE);
    expect(isTrustedSender(contents, { ...contents.mainFrame })).toBe(true);
  });

  it('does not trust a subframe, even one showing the app page', () => {
    const contents = windowShowing(APP_PAGE);
    const subframe: FrameFacts = {
      url: APP_PAGE,
      parent: contents.mainFrame,
      processId: 4,
      frameToken: '0A0B0C0D0E0F10111213141516171819',
    };
    expect(isTrustedSender(contents, subframe)).toBe(false);
  });

  it('does not trust a top frame that is not the main frame (a fenced or prerendered page)', () => {
    const contents = windowShowing(APP_PAGE);
    const other: FrameFacts = { ...contents.mainFrame, frameToken: 'FFEEDDCCBBAA99887766554433221100' };
    expect(isTrustedSender(contents, other)).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'https://kubelet-studio/index.html',
    'app://kubelet-studio.evil/',
    'app://kubelet-studio:8080/index.html',
    'app://user@kubelet-studio/index.html',
    'file:///opt/kubelet-studio/out/renderer/index.html',
    'about:blank',
    '',
  ])('does not trust the main frame once it shows %j', (url) => {
    const contents = windowShowing(url);
    expect(isTrustedSender(contents, contents.mainFrame)).toBe(false);
  });

  it('does not trust a frame that is gone (senderFrame null) or detached', () => {
    const contents = windowShowing(APP_PAGE);
    expect(isTrustedSender(contents, null)).toBe(false);
    expect(isTrustedSender(contents, { ...contents.mainFrame, detached: true })).toBe(false);
  });
});
