import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog for the manifest pane's confirmations (diff before save, conflict, refused
 * input, delete). Escape cancels; focus moves into the dialog and the first button is reachable.
 */
export function Dialog({
  title,
  onCancel,
  children,
  actions,
  wide,
}: {
  title: string;
  onCancel(): void;
  children: ReactNode;
  actions: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="manifest-dialog-backdrop">
      <div
        ref={ref}
        className={`manifest-dialog${wide ? ' manifest-dialog-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        <h3 className="manifest-dialog-title">{title}</h3>
        <div className="manifest-dialog-body">{children}</div>
        <div className="manifest-dialog-actions">{actions}</div>
      </div>
    </div>
  );
}
