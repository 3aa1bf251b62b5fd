import { useEffect, useRef, type RefObject } from 'react';

/**
 * Keyboard navigation between panes: Alt+1…5 jump to a pane, F6 / Shift+F6 cycle through
 * them (the convention of desktop apps and browsers).
 */
export function usePaneNavigation(count: number): RefObject<HTMLElement | null>[] {
  const refs = useRef<RefObject<HTMLElement | null>[]>(
    Array.from({ length: count }, () => ({ current: null })),
  );
  useEffect(() => {
    const panes = refs.current;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && /^Digit[1-9]$/.test(event.code)) {
        const pane = panes[Number(event.code.slice(5)) - 1]?.current;
        if (pane) {
          event.preventDefault();
          pane.focus();
        }
        return;
      }
      if (event.key === 'F6') {
        event.preventDefault();
        const current = panes.findIndex((p) => p.current?.contains(document.activeElement));
        const step = event.shiftKey ? -1 : 1;
        const next = panes[(current + step + panes.length) % panes.length];
        next?.current?.focus();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  return refs.current;
}
