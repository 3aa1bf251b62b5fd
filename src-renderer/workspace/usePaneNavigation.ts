import { useEffect, useRef, type RefObject } from 'react';
import { PANE_IDS, type PaneId } from './WorkspaceContext';
import { PANE_COUNT, workspaceAction } from './workspace-keys';

/**
 * Keyboard navigation between panes (workspace-keys.ts): Alt+1…5 or Ctrl+Shift+1…5 jump to a
 * pane, F6 / Shift+F6 cycle through them, Ctrl+Shift+Enter maximises the focused pane or
 * restores. Jumping to a pane hidden behind a maximised one restores the layout first.
 */
export function usePaneNavigation(
  maximised: PaneId | null,
  setMaximised: (pane: PaneId | null) => void,
): RefObject<HTMLElement | null>[] {
  const refs = useRef<RefObject<HTMLElement | null>[]>(
    Array.from({ length: PANE_COUNT }, () => ({ current: null })),
  );
  const state = useRef({ maximised, setMaximised });
  state.current = { maximised, setMaximised };
  useEffect(() => {
    const panes = refs.current;
    const focusPane = (index: number) => {
      const { maximised: shown, setMaximised: set } = state.current;
      if (shown !== null && PANE_IDS[index] !== shown) set(null);
      // After a restore the pane is laid out again on the next frame.
      requestAnimationFrame(() => panes[index]?.current?.focus());
      panes[index]?.current?.focus();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const action = workspaceAction(event);
      if (!action || event.defaultPrevented) return;
      const current = panes.findIndex((p) => p.current?.contains(document.activeElement));
      event.preventDefault();
      if (action.kind === 'focus') focusPane(action.pane);
      else if (action.kind === 'cycle') {
        const { maximised: shown } = state.current;
        // While one pane is maximised, F6 stays in it rather than reaching hidden panes.
        if (shown !== null) {
          focusPane(PANE_IDS.indexOf(shown));
          return;
        }
        focusPane((current + action.step + panes.length) % panes.length);
      } else {
        const { maximised: shown, setMaximised: set } = state.current;
        if (shown !== null) {
          set(null);
          requestAnimationFrame(() => panes[PANE_IDS.indexOf(shown)]?.current?.focus());
        } else if (current >= 0) set(PANE_IDS[current] ?? null);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  return refs.current;
}
