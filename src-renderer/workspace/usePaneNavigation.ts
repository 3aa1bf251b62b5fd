import { useEffect, useRef, type RefObject } from 'react';
import { PANE_IDS, type PaneId } from './WorkspaceContext';
import { PANE_COUNT, workspaceAction } from './workspace-keys';

/** The panes F6 goes through: those shown (not in a hidden tab), in the order of the page. */
function shownInPageOrder(panes: RefObject<HTMLElement | null>[]): number[] {
  return panes
    .map((pane, index) => ({ element: pane.current, index }))
    .filter(
      (p): p is { element: HTMLElement; index: number } =>
        p.element !== null && !p.element.closest('[hidden]'),
    )
    .sort((a, b) =>
      a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
    )
    .map((p) => p.index);
}

/**
 * Keyboard navigation between panes (workspace-keys.ts): Alt+1…6 or Ctrl+Shift+1…6 jump to a
 * pane, F6 / Shift+F6 cycle through the panes shown, Ctrl+Shift+Enter maximises the focused
 * pane or restores. Jumping to a pane hidden behind a maximised one restores the layout first;
 * jumping to one in a hidden tab shows its tab first (`reveal`).
 */
export function usePaneNavigation(
  maximised: PaneId | null,
  setMaximised: (pane: PaneId | null) => void,
  reveal: (pane: PaneId) => void = () => undefined,
): RefObject<HTMLElement | null>[] {
  const refs = useRef<RefObject<HTMLElement | null>[]>(
    Array.from({ length: PANE_COUNT }, () => ({ current: null })),
  );
  const state = useRef({ maximised, setMaximised, reveal });
  state.current = { maximised, setMaximised, reveal };
  useEffect(() => {
    const panes = refs.current;
    const focusPane = (index: number) => {
      const { maximised: shown, setMaximised: set, reveal: show } = state.current;
      const id = PANE_IDS[index];
      if (shown !== null && id !== shown) set(null);
      if (id) show(id);
      // After a restore (or a tab shown) the pane is laid out again on the next frame.
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
        const order = shownInPageOrder(panes);
        if (order.length === 0) return;
        const at = order.indexOf(current);
        const next = order[(at + action.step + order.length) % order.length];
        if (next !== undefined) focusPane(next);
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
