// Types of start-mode.mjs, for its tests.
export const LAUNCH_STATUS_ENV: string;
export const ALLOW_ROOT_ENV: string;
export type ElectronFound = { binary: string } | { missing: string };
export function findElectronBinary(
  requireElectron: () => unknown,
  exists: (file: string) => boolean,
): ElectronFound;
export function chooseStartMode(facts: {
  electron: ElectronFound;
  platform: string;
  env: Record<string, string | undefined>;
  uid: number | undefined;
  projectRoot: string;
}): { mode: 'electron'; binary: string; args: string[] } | { mode: 'browser'; notice: string };
export function afterElectronExit(exit: {
  code: number | null;
  signal: string | null;
  status: string;
  interrupted: boolean;
  stderrTail: string;
}): { action: 'exit'; code: number } | { action: 'fallback'; notice: string };
