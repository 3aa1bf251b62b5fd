import { useState } from 'react';
import { useApi } from './api/ApiProvider';
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
import { usePaneNavigation } from './usePaneNavigation';

/** The workspace: the node list on the left; the selected node's four panes on the right. */
export function App() {
  const { lost } = useApi();
  const { nodes, loaded } = useNodes();
  useSandboxAutoConnect(nodes);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [nodesRef, manifestsRef, podsRef, logsRef, terminalRef] = usePaneNavigation(5);
  const selected = nodes.find((n) => n.id === selectedId) ?? nodes[0] ?? null;

  return (
    <div className="app">
      {lost ? (
        <div className="banner banner-error" role="alert">
          {lost}
        </div>
      ) : null}
      <PromptDialog />
      <SplitView
        direction="row"
        initial={18}
        min={12}
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
              direction="column"
              initial={55}
              label="Resize the upper and lower panes"
              first={
                <SplitView
                  direction="row"
                  initial={45}
                  label="Resize manifests and pods"
                  first={<ManifestsPane ref={manifestsRef} node={selected} />}
                  second={<PodsPane ref={podsRef} node={selected} />}
                />
              }
              second={
                <SplitView
                  direction="row"
                  initial={60}
                  label="Resize logs and terminal"
                  first={<LogsPane ref={logsRef} node={selected} />}
                  second={<TerminalPane ref={terminalRef} node={selected} />}
                />
              }
            />
            <footer className="status-bar">
              <span>Alt+1…5 jump to a pane · F6 cycles panes · arrows resize a focused divider</span>
            </footer>
          </main>
        }
      />
    </div>
  );
}
