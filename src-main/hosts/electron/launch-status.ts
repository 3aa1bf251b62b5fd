/**
 * Tells `npm start` (scripts/start.mjs) how the launch went, so it can fall back to browser mode
 * when Electron exits before its window opened (no display, the SUID sandbox refusing…), but not
 * when this launch only handed over to a running window or failed with its own dialog. The file
 * is named by the environment; outside `npm start` nothing is written.
 */
import fs from 'node:fs';

export const LAUNCH_STATUS_ENV = 'KUBELET_STUDIO_LAUNCH_STATUS';

export type LaunchStatus = 'window-shown' | 'handed-over' | 'failed';

export function launchStatusReporter(
  env: NodeJS.ProcessEnv,
  write: (file: string, text: string) => void = (file, text) => fs.writeFileSync(file, text),
): (status: LaunchStatus) => void {
  const file = env[LAUNCH_STATUS_ENV];
  return (status) => {
    if (!file) return;
    try {
      write(file, status);
    } catch {
      // npm start is gone or its folder removed: nobody is waiting for the answer.
    }
  };
}
