import { forwardRef, type ReactNode } from 'react';

interface PaneProps {
  id: string;
  title: string;
  /** Shown as the keyboard shortcut hint in the title bar (e.g. "Alt+2"). */
  shortcut?: string;
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled, focusable region of the workspace; keyboard navigation moves between these. */
export const Pane = forwardRef<HTMLElement, PaneProps>(function Pane(
  { id, title, shortcut, actions, children },
  ref,
) {
  return (
    <section
      ref={ref}
      className="pane"
      id={`pane-${id}`}
      aria-labelledby={`pane-${id}-title`}
      tabIndex={-1}
      data-pane={id}
    >
      <header className="pane-header">
        <h2 id={`pane-${id}-title`}>{title}</h2>
        {shortcut ? <kbd className="pane-shortcut">{shortcut}</kbd> : null}
        <div className="pane-actions">{actions}</div>
      </header>
      <div className="pane-body">{children}</div>
    </section>
  );
});
