import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { PaneId } from './WorkspaceContext';
import { tabForKey } from './workspace-keys';

export interface PaneTab {
  pane: PaneId;
  label: string;
  /** The pane's shortcut, shown in the tab's tooltip. */
  shortcut: string;
  content: ReactNode;
}

/**
 * Panes that share one place in the layout (the kubelet log and the doctor): a tab strip above
 * them, ARIA's tabs pattern (arrows move between tabs, the chosen tab is the one Tab reaches).
 * The hidden pane stays mounted, so the log keeps following while the doctor is shown.
 */
export function PaneTabs({
  tabs,
  active,
  onChoose,
  label,
}: {
  tabs: PaneTab[];
  active: PaneId;
  onChoose(pane: PaneId): void;
  label: string;
}) {
  const strip = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = tabForKey(
      event.key,
      tabs.length,
      tabs.findIndex((t) => t.pane === active),
    );
    if (next === null) return;
    const tab = tabs[next];
    if (!tab) return;
    event.preventDefault();
    onChoose(tab.pane);
    strip.current?.querySelector<HTMLElement>(`#pane-tab-${tab.pane}`)?.focus();
  };
  return (
    <div className="pane-tabs">
      <div className="pane-tabs-strip" role="tablist" aria-label={label} ref={strip} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.pane}
            type="button"
            role="tab"
            id={`pane-tab-${tab.pane}`}
            aria-selected={tab.pane === active}
            aria-controls={`pane-tabpanel-${tab.pane}`}
            tabIndex={tab.pane === active ? 0 : -1}
            title={`${tab.label} (${tab.shortcut})`}
            onClick={() => onChoose(tab.pane)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.pane}
          className="pane-tabpanel"
          role="tabpanel"
          id={`pane-tabpanel-${tab.pane}`}
          aria-labelledby={`pane-tab-${tab.pane}`}
          hidden={tab.pane !== active}
        >
          {tab.content}
        </div>
      ))}
    </div>
  );
}
