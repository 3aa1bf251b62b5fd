/**
 * Quitting waits for the core to close its SSH sessions and stop the Sandbox node's kubelet,
 * but not forever: a node that no longer answers must not keep the app from quitting. Wired to
 * app 'will-quit', whose default (terminating) `event.preventDefault()` holds off (docs:
 * api/app.md, event 'will-quit'); once the core is closed, or the time is up, the gate quits
 * again and lets it through.
 */
export const QUIT_GRACE_MS = 5000;

export interface QuitGate {
  /** On 'will-quit': true means "not yet" (call event.preventDefault()). */
  shouldHoldQuit(): boolean;
}

export function createQuitGate(deps: {
  closeCore(): Promise<void>;
  quit(): void;
  timeoutMs?: number;
  setTimer?: (callback: () => void, ms: number) => () => void;
}): QuitGate {
  const setTimer =
    deps.setTimer ??
    ((callback: () => void, ms: number) => {
      const timer = setTimeout(callback, ms);
      return () => clearTimeout(timer);
    });
  let state: 'running' | 'closing' | 'closed' = 'running';
  return {
    shouldHoldQuit() {
      if (state === 'closed') return false;
      if (state === 'closing') return true;
      state = 'closing';
      const finish = () => {
        if (state === 'closed') return;
        state = 'closed';
        cancelTimer();
        deps.quit();
      };
      const cancelTimer = setTimer(finish, deps.timeoutMs ?? QUIT_GRACE_MS);
      deps.closeCore().then(finish, finish);
      return true;
    },
  };
}
