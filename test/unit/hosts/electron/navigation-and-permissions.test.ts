import { describe, expect, it } from 'vitest';
import {
  createExternalLinkOffers,
  decideNavigation,
  decideRedirect,
  decideWindowOpen,
  externalLinkPrompt,
} from '../../../../src-main/hosts/electron/navigation-policy';
import { allowPermission } from '../../../../src-main/hosts/electron/permissions';

describe('navigation decisions', () => {
  it("stays on the app's own pages", () => {
    expect(decideNavigation('app://kubelet-studio/index.html')).toEqual({ action: 'allow' });
    expect(decideNavigation('app://kubelet-studio/index.html#logs')).toEqual({ action: 'allow' });
  });

  it('offers a web link to the browser instead of opening it in the window', () => {
    expect(decideNavigation('https://kubernetes.io/docs/')).toEqual({
      action: 'deny',
      offerExternal: 'https://kubernetes.io/docs/',
    });
    expect(decideWindowOpen('http://127.0.0.1:8080/')).toEqual({
      action: 'deny',
      offerExternal: 'http://127.0.0.1:8080/',
    });
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://kubelet-studio.evil/',
    'ssh://node-1/',
    'vscode://file/etc/hosts',
    'data:text/html,<script>1</script>',
    'about:blank',
    'not a url',
  ])('refuses %s without offering it', (url) => {
    expect(decideNavigation(url)).toEqual({ action: 'deny' });
    expect(decideWindowOpen(url)).toEqual({ action: 'deny' });
  });

  it('refuses every redirect that leaves the app', () => {
    expect(decideRedirect('https://kubernetes.io/')).toEqual({ action: 'deny' });
    expect(decideRedirect('app://kubelet-studio/index.html')).toEqual({ action: 'allow' });
  });

  it('asks with the full URL shown and Cancel as the default', () => {
    const prompt = externalLinkPrompt('https://kubernetes.io/docs/');
    expect(prompt.detail).toBe('https://kubernetes.io/docs/');
    expect(prompt.buttons[prompt.defaultId]).toBe('Cancel');
    expect(prompt.cancelId).toBe(prompt.defaultId);
  });
});

describe('external link offers', () => {
  function offers(answer: boolean) {
    const asked: string[] = [];
    const opened: string[] = [];
    let release: (value: boolean) => void = () => {};
    const offer = createExternalLinkOffers({
      confirm: (url) => {
        asked.push(url);
        return new Promise<boolean>((resolve) => (release = () => resolve(answer)));
      },
      open: async (url) => void opened.push(url),
    });
    return { offer, asked, opened, answer: () => release(answer) };
  }

  it('opens the link once the user confirms, not before', async () => {
    const o = offers(true);
    const result = o.offer.offer('https://kubernetes.io/');
    expect(o.opened).toEqual([]);
    o.answer();
    expect(await result).toBe('opened');
    expect(o.opened).toEqual(['https://kubernetes.io/']);
  });

  it('does not open a declined link', async () => {
    const o = offers(false);
    const result = o.offer.offer('https://kubernetes.io/');
    o.answer();
    expect(await result).toBe('declined');
    expect(o.opened).toEqual([]);
  });

  it('asks one question at a time and never about a non-web URL', async () => {
    const o = offers(true);
    const first = o.offer.offer('https://a.example/');
    expect(await o.offer.offer('https://b.example/')).toBe('ignored');
    expect(await o.offer.offer('file:///etc/passwd')).toBe('ignored');
    o.answer();
    await first;
    expect(o.asked).toEqual(['https://a.example/']);
    expect(o.opened).toEqual(['https://a.example/']);
  });
});

describe('permissions', () => {
  const APP = 'app://kubelet-studio/index.html';

  it("allows the clipboard to the app's main frame (both handlers' shapes)", () => {
    for (const permission of ['clipboard-read', 'clipboard-sanitized-write']) {
      expect(allowPermission({ permission, requestingUrl: APP, isMainFrame: true })).toBe(true);
      // The check handler may give only the origin, as Chromium serialises it.
      expect(allowPermission({ permission, requestingUrl: 'app://kubelet-studio', isMainFrame: true })).toBe(
        true,
      );
    }
  });

  it('denies the clipboard to a subframe and to any other page', () => {
    for (const [requestingUrl, isMainFrame] of [
      [APP, false],
      ['https://evil.example/', true],
      ['app://kubelet-studio.evil/', true],
      ['file:///opt/kubelet-studio/index.html', true],
      [undefined, true],
    ] as const) {
      expect(allowPermission({ permission: 'clipboard-read', requestingUrl, isMainFrame })).toBe(false);
    }
  });

  it('denies everything else, even to the app', () => {
    for (const permission of [
      'deprecated-sync-clipboard-read',
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'fileSystem',
      'fullscreen',
      'unknown',
    ]) {
      expect(allowPermission({ permission, requestingUrl: APP, isMainFrame: true })).toBe(false);
    }
  });
});
