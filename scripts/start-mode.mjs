// `npm start`'s decisions, as pure functions (tested in test/unit/hosts/electron/start-mode.test.ts):
// Electron or browser mode, and what to do when Electron exits. The Electron main process
// reports how its launch went through the file named by KUBELET_STUDIO_LAUNCH_STATUS
// (src-main/hosts/electron/launch-status.ts).

export const LAUNCH_STATUS_ENV = 'KUBELET_STUDIO_LAUNCH_STATUS';
/** Opt-in for running the Electron app as root: it then needs Chromium's --no-sandbox. */
export const ALLOW_ROOT_ENV = 'KUBELET_STUDIO_ELECTRON_AS_ROOT';

const notice = (why) => `Kubelet Studio: ${why}, so it runs in browser mode instead.`;

/**
 * The Electron binary's path, or why there is none. The electron package's main module returns
 * the path of the binary its install script downloaded, and throws when there is none
 * (node_modules/electron/index.js: "Electron failed to install correctly").
 * @param {() => unknown} requireElectron
 * @param {(file: string) => boolean} exists
 * @returns {{ binary: string } | { missing: string }}
 */
export function findElectronBinary(requireElectron, exists) {
  let binary;
  try {
    binary = requireElectron();
  } catch {
    return { missing: 'the Electron binary is not installed here' };
  }
  if (typeof binary !== 'string' || !exists(binary)) {
    return { missing: 'the Electron binary is not installed here' };
  }
  return { binary };
}

/**
 * @param {{ electron: { binary: string } | { missing: string }, platform: string,
 *   env: Record<string, string | undefined>, uid: number | undefined, projectRoot: string }} facts
 * @returns {{ mode: 'electron', binary: string, args: string[] } | { mode: 'browser', notice: string }}
 */
export function chooseStartMode(facts) {
  if ('missing' in facts.electron) return { mode: 'browser', notice: notice(facts.electron.missing) };
  if (facts.platform === 'linux' && !facts.env.DISPLAY && !facts.env.WAYLAND_DISPLAY) {
    return { mode: 'browser', notice: notice('there is no display (DISPLAY and WAYLAND_DISPLAY are unset)') };
  }
  const args = [facts.projectRoot];
  if (facts.platform === 'linux' && facts.uid === 0) {
    // Chromium refuses to run as root with its sandbox on; without the sandbox a renderer
    // compromise is a root compromise, so that takes an explicit choice.
    if (facts.env[ALLOW_ROOT_ENV] !== '1') {
      return {
        mode: 'browser',
        notice: notice(
          `it is running as root, where Electron needs its sandbox off (set ${ALLOW_ROOT_ENV}=1 to do that)`,
        ),
      };
    }
    args.unshift('--no-sandbox');
  }
  return { mode: 'electron', binary: facts.electron.binary, args };
}

/**
 * What `npm start` does when Electron exits.
 * @param {{ code: number | null, signal: string | null, status: string, interrupted: boolean,
 *   stderrTail: string }} exit
 * @returns {{ action: 'exit', code: number } | { action: 'fallback', notice: string }}
 */
export function afterElectronExit(exit) {
  const code = exit.code ?? (exit.signal ? 1 : 0);
  // The window opened (and the user closed it), another window took over, the app showed its
  // own start-up error, or the user pressed Ctrl+C: nothing more to do.
  if (exit.status !== '' || exit.interrupted) return { action: 'exit', code };
  const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
  const said = exit.stderrTail.trim().split('\n').filter(Boolean).at(-1);
  return {
    action: 'fallback',
    notice: notice(`Electron exited before its window opened (${how}${said ? `: ${said.trim()}` : ''})`),
  };
}
