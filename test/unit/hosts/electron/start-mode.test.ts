import { describe, expect, it } from 'vitest';
import {
  ALLOW_ROOT_ENV,
  afterElectronExit,
  chooseStartMode,
  findElectronBinary,
} from '../../../../scripts/start-mode.mjs';

const BINARY = '/home/dev/kubelet-studio/node_modules/electron/dist/electron';
const installed = { binary: BINARY };
const base = {
  electron: installed,
  platform: 'linux',
  env: { DISPLAY: ':0' },
  uid: 1000,
  projectRoot: '/home/dev/kubelet-studio',
};

describe('findElectronBinary', () => {
  it("takes the path the electron package's main module returns, if the file is there", () => {
    expect(
      findElectronBinary(
        () => BINARY,
        () => true,
      ),
    ).toEqual({ binary: BINARY });
    expect(
      findElectronBinary(
        () => BINARY,
        () => false,
      ),
    ).toMatchObject({ missing: expect.any(String) });
  });

  it('treats the package throwing (install script skipped or failed) as no binary', () => {
    const thrower = () => {
      throw new Error(
        'Electron failed to install correctly, please delete node_modules/electron and try installing again',
      );
    };
    expect(findElectronBinary(thrower, () => true)).toEqual({
      missing: 'the Electron binary is not installed here',
    });
  });
});

describe('chooseStartMode', () => {
  it('opens the Electron window where there is a binary and a display', () => {
    expect(chooseStartMode(base)).toEqual({
      mode: 'electron',
      binary: BINARY,
      args: ['/home/dev/kubelet-studio'],
    });
    expect(chooseStartMode({ ...base, env: { WAYLAND_DISPLAY: 'wayland-0' } })).toMatchObject({
      mode: 'electron',
    });
    expect(chooseStartMode({ ...base, platform: 'darwin', env: {} })).toMatchObject({ mode: 'electron' });
  });

  it('falls back to browser mode, with one line saying why', () => {
    const noBinary = chooseStartMode({
      ...base,
      electron: { missing: 'the Electron binary is not installed here' },
    });
    expect(noBinary).toEqual({
      mode: 'browser',
      notice:
        'Kubelet Studio: the Electron binary is not installed here, so it runs in browser mode instead.',
    });
    const noDisplay = chooseStartMode({ ...base, env: {} });
    expect(noDisplay).toMatchObject({ mode: 'browser', notice: expect.stringMatching(/no display/) });
    for (const result of [noBinary, noDisplay]) {
      if (result.mode === 'browser') expect(result.notice.split('\n')).toHaveLength(1);
    }
  });

  it('as root: browser mode, unless the user opts in to running without the sandbox', () => {
    expect(chooseStartMode({ ...base, uid: 0 })).toMatchObject({
      mode: 'browser',
      notice: expect.stringMatching(new RegExp(`running as root.*${ALLOW_ROOT_ENV}=1`)),
    });
    expect(chooseStartMode({ ...base, uid: 0, env: { DISPLAY: ':0', [ALLOW_ROOT_ENV]: '1' } })).toEqual({
      mode: 'electron',
      binary: BINARY,
      args: ['--no-sandbox', '/home/dev/kubelet-studio'],
    });
  });
});

describe('afterElectronExit', () => {
  const exit = { code: 0, signal: null, status: '', interrupted: false, stderrTail: '' };

  it('Electron exiting before its window opened falls back, quoting what Electron said last', () => {
    const result = afterElectronExit({
      ...exit,
      code: 1,
      stderrTail:
        '[1234:FATAL:electron_main_delegate.cc(294)] Running as root without --no-sandbox is not supported. See https://crbug.com/638180.\n',
    });
    expect(result).toEqual({
      action: 'fallback',
      notice:
        'Kubelet Studio: Electron exited before its window opened (exit code 1: [1234:FATAL:electron_main_delegate.cc(294)] Running as root without --no-sandbox is not supported. See https://crbug.com/638180.), so it runs in browser mode instead.',
    });
    expect(afterElectronExit({ ...exit, code: null, signal: 'SIGTRAP' })).toMatchObject({
      action: 'fallback',
      notice: expect.stringMatching(/signal SIGTRAP/),
    });
    expect(afterElectronExit(exit)).toMatchObject({ action: 'fallback' });
  });

  it('after the window was shown, a hand-over, its own error dialog or Ctrl+C: exit with its code', () => {
    expect(afterElectronExit({ ...exit, status: 'window-shown' })).toEqual({ action: 'exit', code: 0 });
    expect(afterElectronExit({ ...exit, status: 'handed-over' })).toEqual({ action: 'exit', code: 0 });
    expect(afterElectronExit({ ...exit, code: 1, status: 'failed' })).toEqual({ action: 'exit', code: 1 });
    expect(afterElectronExit({ ...exit, code: null, signal: 'SIGINT', interrupted: true })).toEqual({
      action: 'exit',
      code: 1,
    });
  });
});
