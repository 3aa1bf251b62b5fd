import { forwardRef, useCallback, useState, type KeyboardEvent } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import { EmptyState } from '../../components/EmptyState';
import { NodeSwatch } from '../../components/NodeTag';
import { NotConnected } from '../../components/NotConnected';
import { Pane } from '../../components/Pane';
import { notReadyMessage } from '../paneMessages';
import { terminalAction } from './terminal-keys';
import { TerminalView, type TerminalStatus } from './TerminalView';

interface Tab {
  key: number;
  nodeId: string;
  label: string;
  status: TerminalStatus['kind'];
}

let nextKey = 1;

/**
 * Shells on the node, in tabs (issue 7 point 4). Every tab stays alive while another node is
 * selected (its shell keeps running); the tab bar shows the selected node's tabs.
 * Ctrl+Shift+T opens a tab, Ctrl+Shift+W closes it, Ctrl+PageUp/PageDown switch.
 */
export const TerminalPane = forwardRef<HTMLElement, { node: NodeSummary | null }>(function TerminalPane(
  { node },
  ref,
) {
  const [tabs, setTabs] = useState<Tab[]>([]);
  const [activeByNode, setActiveByNode] = useState<Record<string, number>>({});
  const message = notReadyMessage(node, 'a terminal on it');
  const nodeTabs = node ? tabs.filter((tab) => tab.nodeId === node.id) : [];
  const activeKey = node ? (activeByNode[node.id] ?? nodeTabs[nodeTabs.length - 1]?.key) : undefined;

  const openTab = useCallback(() => {
    if (!node || node.state !== 'connected') return;
    const key = nextKey++;
    const count = tabs.filter((tab) => tab.nodeId === node.id).length;
    setTabs((all) => [
      ...all,
      {
        key,
        nodeId: node.id,
        label: count === 0 ? node.name : `${node.name} (${count + 1})`,
        status: 'connecting',
      },
    ]);
    setActiveByNode((active) => ({ ...active, [node.id]: key }));
  }, [node, tabs]);

  const closeTab = useCallback(
    (key: number) => {
      const index = nodeTabs.findIndex((tab) => tab.key === key);
      const rest = nodeTabs.filter((tab) => tab.key !== key);
      setTabs((all) => all.filter((tab) => tab.key !== key));
      if (node) {
        const next = rest[Math.min(index, rest.length - 1)];
        setActiveByNode((active) => ({ ...active, [node.id]: next?.key ?? -1 }));
      }
    },
    [node, nodeTabs],
  );

  const select = (key: number) => node && setActiveByNode((active) => ({ ...active, [node.id]: key }));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const action = terminalAction(event);
    if (action === 'new-tab') openTab();
    else if (action === 'close-tab' && activeKey !== undefined) closeTab(activeKey);
    else if ((action === 'next-tab' || action === 'previous-tab') && nodeTabs.length > 1) {
      const index = nodeTabs.findIndex((tab) => tab.key === activeKey);
      const step = action === 'next-tab' ? 1 : nodeTabs.length - 1;
      const next = nodeTabs[(index + step) % nodeTabs.length];
      if (next) select(next.key);
    } else return;
    event.preventDefault();
  };

  const setStatus = (key: number, status: TerminalStatus) =>
    setTabs((all) =>
      all.map((tab) =>
        tab.key === key && tab.status !== status.kind ? { ...tab, status: status.kind } : tab,
      ),
    );

  const canOpen = node?.state === 'connected';
  return (
    <Pane
      ref={ref}
      id="terminal"
      title="Terminal"
      shortcut="Alt+5"
      actions={
        <button
          type="button"
          className="secondary"
          onClick={openTab}
          disabled={!canOpen}
          title="New terminal (Ctrl+Shift+T)"
        >
          New terminal
        </button>
      }
    >
      <div className="terminal-pane" onKeyDown={onKeyDown}>
        {nodeTabs.length > 0 ? (
          <div className="terminal-tabs" role="tablist" aria-label="Terminals">
            {nodeTabs.map((tab) => (
              <div
                key={tab.key}
                role="presentation"
                className="terminal-tab"
                data-active={tab.key === activeKey}
                data-status={tab.status}
              >
                <button
                  type="button"
                  role="tab"
                  aria-selected={tab.key === activeKey}
                  aria-keyshortcuts="Control+Shift+W"
                  title="Close with Ctrl+Shift+W"
                  onClick={() => select(tab.key)}
                >
                  <NodeSwatch id={tab.nodeId} /> {tab.label}
                </button>
                {/* A tablist holds only tabs: the × is for the mouse; the keyboard has Ctrl+Shift+W. */}
                <button
                  type="button"
                  className="terminal-tab-close"
                  tabIndex={-1}
                  aria-hidden="true"
                  title="Close (Ctrl+Shift+W)"
                  onClick={() => closeTab(tab.key)}
                >
                  ×
                </button>
              </div>
            ))}
          </div>
        ) : null}
        {nodeTabs.length === 0 ? (
          canOpen || !message ? (
            <EmptyState title="A shell on the node">
              <p>An interactive shell on {node?.name}, in tabs. Press Ctrl+Shift+T or</p>
              <button type="button" onClick={openTab} disabled={!canOpen}>
                Open a terminal
              </button>
            </EmptyState>
          ) : (
            <NotConnected node={node} title={message}>
              An interactive shell on the node, in tabs.
            </NotConnected>
          )
        ) : null}
        <div className="terminal-views">
          {tabs.map((tab) => (
            <TerminalView
              key={tab.key}
              nodeId={tab.nodeId}
              visible={tab.key === activeKey && tab.nodeId === node?.id}
              onStatus={(status) => setStatus(tab.key, status)}
            />
          ))}
        </div>
      </div>
    </Pane>
  );
});
