import { useEffect, useMemo, useState } from 'react';
import { useApi } from './api/ApiProvider';
import { AnnouncerProvider } from './components/Announcer';
import { SplitView } from './components/SplitView';
import { LogsPane } from './features/logs/LogsPane';
import { ManifestsPane } from './features/manifests/ManifestsPane';
import { NodeHeader } from './features/nodes/NodeHeader';
import { NodeList } from './features/nodes/NodeList';
import { useNodes } from './features/nodes/useNodes';
import { useSandboxAutoConnect } from './features/nodes/useSandboxAutoConnect';
import { PodsPane } from './features/pods/PodsPane';
import { PromptDialog } from './features/prompts/PromptDialog';
import { TerminalPane } from './features/terminal/TerminalPane';
import { Timeline } from './features/timeline/Timeline';
import { usePaneNavigation } from './workspace/usePaneNavigation';
import { WorkspaceContext, type PaneId } from './workspace/WorkspaceContext';
import { MAXIMISE_KEYS } from './workspace/workspace-keys';

/**
 * The workspace: the node list on the left; the selected node's panes on the right. At
 * 1400×900 the Manifests pane has the full height (the directory and an editor of 30+ lines);
 * Pods sits above the logs and the terminal beside it. Any pane can be maximised and restored.
 */
export function App() {
  const { lost } = useApi();
  const { nodes, loaded } = useNodes();
  useSandboxAutoConnect(nodes);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [maximised, setMaximised] = useState<PaneId | null>(null);
  const [nodesRef, manifestsRef, podsRef, logsRef, terminalRef] = usePaneNavigation(maximised, setMaximised);
  const selected = nodes.find((n) => n.id === selectedId) ?? nodes[0] ?? null;
  // The moment chosen on the node timeline belongs to that node: another node starts with none.
  const [since, setSince] = useState<number | null>(null);
  useEffect(() => setSince(null), [selected?.id]);
  const workspace = useMemo(
    () => ({
      maximised,
      toggleMaximised: (pane: PaneId) => setMaximised((m) => (m === pane ? null : pane)),
      since,
      setSince,
    }),
    [maximised, since],
  );

  return (
    <WorkspaceContext.Provider value={workspace}>
      <AnnouncerProvider>
        <div className="app" data-maximised={maximised ?? undefined}>
          {lost ? (
            <div className="banner banner-error" role="alert">
              {lost}
            </div>
          ) : null}
          <PromptDialog />
          <SplitView
            direction="row"
            initial={16}
            min={10}
            max={40}
            label="Resize the node list"
            first={
              <NodeList
                ref={nodesRef}
                nodes={nodes}
                loaded={loaded}
                selectedId={selected?.id ?? null}
                onSelect={setSelectedId}
              />
            }
            second={
              <main className="workspace" aria-label="Node workspace">
                <NodeHeader node={selected} />
                <SplitView
                  direction="row"
                  initial={44}
                  min={20}
                  max={80}
                  label="Resize manifests and the other panes"
                  first={<ManifestsPane ref={manifestsRef} node={selected} nodes={nodes} />}
                  second={
                    // The timeline sits over the panes it filters; Manifests keeps its full height.
                    <div className="workspace-right">
                      <Timeline node={selected} />
                      <SplitView
                        direction="column"
                        initial={64}
                        label="Resize pods and the lower panes"
                        first={<PodsPane ref={podsRef} node={selected} />}
                        second={
                          <SplitView
                            direction="row"
                            initial={62}
                            label="Resize logs and terminal"
                            first={<LogsPane ref={logsRef} node={selected} />}
                            second={<TerminalPane ref={terminalRef} node={selected} />}
                          />
                        }
                      />
                    </div>
                  }
                />
                <footer className="status-bar">
                  <span>
                    <kbd>Alt+1…5</kbd> or <kbd>Ctrl+Shift+1…5</kbd> jump to a pane · <kbd>F6</kbd> cycles
                    panes, also from the terminal · <kbd>{MAXIMISE_KEYS}</kbd> maximises or restores · arrows
                    resize a focused divider
                  </span>
                </footer>
              </main>
            }
          />
        </div>
      </AnnouncerProvider>
    </WorkspaceContext.Provider>
  );
}
