import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src-main/contract';
import { LAUNCH_STATUS_ENV, launchStatusReporter } from '../../../../src-main/hosts/electron/launch-status';
import { createQuitGate } from '../../../../src-main/hosts/electron/quit-gate';
import {
  bringToFront,
  chromiumProfileDir,
  electronDataDir,
  MissingPreloadError,
  mainWindowOptions,
  preloadPath,
  rendererGonePrompt,
  startupErrorDialog,
} from '../../../../src-main/hosts/electron/startup';
import { defaultDataDir } from '../../../../src-main/store/data-dir';
import * as startMode from '../../../../scripts/start-mode.mjs';

describe('quit gate', () => {
  function gate(timeoutMs = 5000) {
    let finishClose: () => void = () => {};
    let fireTimer: () => void = () => {};
    let timerMs = 0;
    let timerCancelled = false;
    let quits = 0;
    const quitGate = createQuitGate({
      closeCore: () => new Promise<void>((resolve) => (finishClose = resolve)),
      quit: () => (quits += 1),
      timeoutMs,
      setTimer: (callback, ms) => {
        fireTimer = callback;
        timerMs = ms;
        return () => (timerCancelled = true);
      },
    });
    return {
      quitGate,
      closeDone: () => finishClose(),
      timeUp: () => fireTimer(),
      quits: () => quits,
      timer: () => ({ timerMs, timerCancelled }),
    };
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('holds the quit until SSH sessions and the sandbox are closed, then quits once', async () => {
    const g = gate();
    expect(g.quitGate.shouldHoldQuit()).toBe(true);
    expect(g.quitGate.shouldHoldQuit()).toBe(true); // a second Quit while closing waits too
    await settle();
    expect(g.quits()).toBe(0);
    g.closeDone();
    await settle();
    expect(g.quits()).toBe(1);
    expect(g.timer().timerCancelled).toBe(true);
    expect(g.quitGate.shouldHoldQuit()).toBe(false);
  });

  it('quits anyway when closing takes longer than the bound', async () => {
    const g = gate(5000);
    g.quitGate.shouldHoldQuit();
    expect(g.timer().timerMs).toBe(5000);
    g.timeUp();
    expect(g.quits()).toBe(1);
    g.closeDone();
    await settle();
    expect(g.quits()).toBe(1);
    expect(g.quitGate.shouldHoldQuit()).toBe(false);
  });

  it('a core that fails to close does not keep the app open', async () => {
    let quits = 0;
    const quitGate = createQuitGate({
      closeCore: () => Promise.reject(new Error('ssh: connection reset')),
      quit: () => (quits += 1),
    });
    quitGate.shouldHoldQuit();
    await settle();
    expect(quits).toBe(1);
  });
});

describe('start-up facts', () => {
  it('keeps its data where the CLI and browser mode do, not in userData', () => {
    for (const env of [
      { HOME: '/home/ana' },
      { HOME: '/home/ana', XDG_CONFIG_HOME: '/home/ana/.cfg' },
      { KUBELET_STUDIO_DATA_DIR: '/srv/ks' },
    ]) {
      expect(electronDataDir(env)).toBe(defaultDataDir(env));
    }
  });

  it("keeps Chromium's profile (and the single-instance lock) in a folder of its own inside it", () => {
    expect(chromiumProfileDir('/home/ana/.config/kubelet-studio')).toBe(
      path.normalize('/home/ana/.config/kubelet-studio/electron'),
    );
  });

  it('finds the preload next to the main bundle, and stops with its own message when it is missing', () => {
    const preload = preloadPath('/opt/Kubelet Studio/resources/app.asar/out/main');
    expect(preload).toBe(path.normalize('/opt/Kubelet Studio/resources/app.asar/out/preload/preload.cjs'));
    expect(() => mainWindowOptions({ preload, exists: () => false, dark: false })).toThrow(
      MissingPreloadError,
    );
    expect(() => mainWindowOptions({ preload, exists: () => false, dark: false })).toThrow(
      /preload script is missing .*reinstall Kubelet Studio/,
    );
  });

  it('window options: sandboxed, isolated, no Node, no webviews, hidden until painted', () => {
    const options = mainWindowOptions({ preload: '/x/preload.cjs', exists: () => true, dark: true });
    expect(options.webPreferences).toEqual({
      preload: '/x/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    });
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe('#16181d');
  });

  it('a start-up error dialog says what happened and what to do', () => {
    expect(
      startupErrorDialog(
        new ContractError({ code: 'internal', message: 'Cannot write /x', hint: 'Check its owner.' }),
      ),
    ).toEqual({ title: 'Kubelet Studio could not start', content: 'Cannot write /x\n\nCheck its owner.' });
    expect(startupErrorDialog(new Error('EACCES: permission denied')).content).toBe(
      'EACCES: permission denied',
    );
    expect(startupErrorDialog('odd').content).toBe('odd');
  });

  it('a second launch restores and focuses the first window', () => {
    const log: string[] = [];
    const window = {
      isDestroyed: () => false,
      isMinimized: () => true,
      restore: () => log.push('restore'),
      show: () => log.push('show'),
      focus: () => log.push('focus'),
    };
    expect(bringToFront(window)).toBe(true);
    expect(log).toEqual(['restore', 'show', 'focus']);
    expect(bringToFront(undefined)).toBe(false);
    expect(bringToFront({ ...window, isDestroyed: () => true })).toBe(false);
  });

  it('a renderer crash offers Reload; a clean exit asks nothing', () => {
    expect(rendererGonePrompt({ reason: 'clean-exit', exitCode: 0 })).toBeNull();
    const prompt = rendererGonePrompt({ reason: 'oom', exitCode: -1 });
    expect(prompt?.message).toBe("The window's page ran out of memory.");
    expect(prompt?.buttons[prompt.defaultId]).toBe('Reload');
  });

  it('reports the launch to npm start only when asked to', () => {
    const written: Array<[string, string]> = [];
    launchStatusReporter({ [LAUNCH_STATUS_ENV]: '/tmp/s' }, (f, t) => written.push([f, t]))('window-shown');
    launchStatusReporter({}, (f, t) => written.push([f, t]))('window-shown');
    expect(written).toEqual([['/tmp/s', 'window-shown']]);
    // npm start reads the same variable.
    expect(startMode.LAUNCH_STATUS_ENV).toBe(LAUNCH_STATUS_ENV);
  });
});
