import { useEffect, useId, useRef, type ReactNode } from 'react';
import { workspaceAction } from '../workspace/workspace-keys';
import { trapTab } from './focus-trap';
import './dialog.css';

interface DialogProps {
  title: ReactNode;
  /** The title as plain words, when `title` is not plain text (it names the dialog). */
  label?: string;
  /** Escape, the Cancel buttons and closing the dialog all end here. */
  onCancel(): void;
  children: ReactNode;
  actions?: ReactNode;
  wide?: boolean;
  /** Takes the first focus instead of the first focusable element. */
  initialFocus?: string;
  className?: string;
  /** Wraps the body and actions in a form (Enter submits). */
  onSubmit?(): void;
}

/**
 * The one dialog of the app: a native <dialog> opened with showModal(), so the rest of the page
 * is inert and screen readers treat it as modal (HTML "dialog" element, the modal dialog focusing
 * steps). Tab and Shift+Tab cycle inside it (never out to the page or the browser's toolbar),
 * Escape cancels, and closing returns the focus to whatever opened it.
 */
export function Dialog({
  title,
  label,
  onCancel,
  children,
  actions,
  wide,
  initialFocus,
  className,
  onSubmit,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const cancel = useRef(onCancel);
  cancel.current = onCancel;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const first =
      (initialFocus ? dialog.querySelector<HTMLElement>(initialFocus) : null) ??
      dialog.querySelector<HTMLElement>('[data-autofocus]');
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // The opener may have re-rendered; focus it if it is still in the page.
      if (opener?.isConnected) opener.focus();
    };
    // Opened once per mount; the opener is the element focused at that moment.
  }, []);

  const body = (
    <>
      <h2 className="dialog-title" id={titleId}>
        {title}
      </h2>
      <div className="dialog-body">{children}</div>
      {actions ? <div className="dialog-actions">{actions}</div> : null}
    </>
  );
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog-wide' : ''}${className ? ` ${className}` : ''}`}
      aria-labelledby={label ? undefined : titleId}
      aria-label={label}
      onCancel={(event) => {
        // Escape: the owner decides (and unmounts the dialog); the browser does not close it alone.
        event.preventDefault();
        cancel.current();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Tab' && ref.current) trapTab(ref.current, event);
        // Workspace shortcuts (F6, Alt+digit …) must not reach the panes under a modal dialog.
        if (workspaceAction(event)) {
          event.preventDefault();
          event.stopPropagation();
        }
      }}
    >
      {onSubmit ? (
        <form
          className="dialog-form"
          onSubmit={(event) => {
            event.preventDefault();
            onSubmit();
          }}
        >
          {body}
        </form>
      ) : (
        body
      )}
    </dialog>
  );
}
