import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from './api/ApiProvider';
import { AnnouncerProvider } from './components/Announcer';
import { SplitView } from './components/SplitView';
import { DoctorPane } from './features/doctor/DoctorPane';
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
import { useLogFocus } from './state/log-focus';
import { PaneTabs } from './workspace/PaneTabs';
import { usePaneNavigation } from './workspace/usePaneNavigation';
import { WorkspaceContext, type PaneId } from './workspace/WorkspaceContext';
import { MAXIMISE_KEYS } from './workspace/workspace-keys';

type LowerTab = 'logs' | 'doctor';

/**
 * The workspace: the node list on the left; the selected node's panes on the right. At
 * 1400×900 the Manifests pane has the full height (the directory and an editor of 30+ lines);
 * Pods sits above the logs and the terminal beside it; the Doctor shares the logs' place, in a
 * tab. Any pane can be maximised and restored.
 */
export function App() {
  const { lost } = useApi();
  const { nodes, loaded } = useNodes();
  useSandboxAutoConnect(nodes);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [maximised, setMaximised] = useState<PaneId | null>(null);
  const [lowerTab, setLowerTab] = useState<LowerTab>('logs');
  const shownTab = useRef(lowerTab);
  shownTab.current = lowerTab;
  const chooseTab = (pane: PaneId) => {
    if (pane !== 'logs' && pane !== 'doctor') return;
    setLowerTab(pane);
    // A maximised tab hands the whole workspace over to the tab chosen next.
    setMaximised((m) => (m === 'logs' || m === 'doctor' ? pane : m));
  };
  const [nodesRef, manifestsRef, podsRef, logsRef, terminalRef, doctorRef] = usePaneNavigation(
    maximised,
    setMaximised,
    (pane) => {
      if (pane === 'logs' || pane === 'doctor') setLowerTab(pane);
    },
  );
  // "Show this pod's kubelet lines" from another pane brings the log's tab forward.
  const logFocus = useLogFocus();
  useEffect(() => {
    if (!logFocus || shownTab.current === 'logs') return;
    setLowerTab('logs');
    setMaximised((m) => (m === 'doctor' ? 'logs' : m));
    requestAnimationFrame(() => logsRef?.current?.focus());
  }, [logFocus, logsRef]);
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
                            first={
                              <PaneTabs
                                label="Kubelet logs and doctor"
                                active={lowerTab}
                                onChoose={chooseTab}
                                tabs={[
                                  {
                                    pane: 'logs',
                                    label: 'Kubelet logs',
                                    shortcut: 'Alt+4',
                                    content: <LogsPane ref={logsRef} node={selected} />,
                                  },
                                  {
                                    pane: 'doctor',
                                    label: 'Doctor',
                                    shortcut: 'Alt+6',
                                    content: <DoctorPane ref={doctorRef} node={selected} nodes={nodes} />,
                                  },
                                ]}
                              />
                            }
                            second={<TerminalPane ref={terminalRef} node={selected} />}
                          />
                        }
                      />
                    </div>
                  }
                />
                <footer className="status-bar">
                  <span>
                    <kbd>Alt+1…6</kbd> or <kbd>Ctrl+Shift+1…6</kbd> jump to a pane · <kbd>F6</kbd> cycles
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
