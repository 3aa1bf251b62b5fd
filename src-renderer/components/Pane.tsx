import { forwardRef, type KeyboardEvent, type ReactNode } from 'react';
import { useWorkspace, type PaneId } from '../workspace/WorkspaceContext';
import { MAXIMISE_KEYS } from '../workspace/workspace-keys';

interface PaneProps {
  id: PaneId;
  title: string;
  /** Shown as the keyboard shortcut hint in the title bar (e.g. "Alt+2"). */
  shortcut?: string;
  actions?: ReactNode;
  children: ReactNode;
  /** Keys pressed anywhere in the pane, the pane itself included (after Alt+digit). */
  onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
}

/** A titled, focusable region of the workspace; keyboard navigation moves between these. */
export const Pane = forwardRef<HTMLElement, PaneProps>(function Pane(
  { id, title, shortcut, actions, children, onKeyDown },
  ref,
) {
  return (
    <PaneFrame
      ref={ref}
      id={id}
      title={title}
      shortcut={shortcut}
      actions={actions}
      element="section"
      onKeyDown={onKeyDown}
    >
      <div className="pane-body">{children}</div>
    </PaneFrame>
  );
});

/** The pane's frame: its header with title, shortcut, actions and the maximise/restore button. */
export const PaneFrame = forwardRef<
  HTMLElement,
  PaneProps & { element: 'section' | 'nav'; className?: string; label?: string }
>(function PaneFrame({ id, title, shortcut, actions, children, element, className, label, onKeyDown }, ref) {
  const { maximised, toggleMaximised } = useWorkspace();
  const isMax = maximised === id;
  const Element = element;
  return (
    <Element
      ref={ref}
      className={`pane${className ? ` ${className}` : ''}`}
      id={`pane-${id}`}
      aria-labelledby={label ? undefined : `pane-${id}-title`}
      aria-label={label}
      tabIndex={-1}
      data-pane={id}
      data-maximised-pane={isMax ? 'true' : undefined}
      onKeyDown={onKeyDown}
    >
      <header className="pane-header">
        <h2 id={`pane-${id}-title`}>{title}</h2>
        {shortcut ? <kbd className="pane-shortcut">{shortcut}</kbd> : null}
        <div className="pane-actions">{actions}</div>
        <button
          type="button"
          className="pane-maximise secondary"
          aria-pressed={isMax}
          aria-label={isMax ? `Restore the ${title} pane` : `Maximise the ${title} pane`}
          title={`${isMax ? 'Restore the layout' : 'Maximise this pane'} (${MAXIMISE_KEYS})`}
          onClick={() => toggleMaximised(id)}
        >
          <span aria-hidden="true">{isMax ? '⤡' : '⤢'}</span>
        </button>
      </header>
      {children}
    </Element>
  );
});
