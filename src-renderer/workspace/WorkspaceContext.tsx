import { createContext, useContext } from 'react';

export type PaneId = 'nodes' | 'manifests' | 'pods' | 'logs' | 'terminal' | 'doctor';

/** In the order of their Alt+digit shortcuts; the Doctor shares the Logs pane's place, in a tab. */
export const PANE_IDS: PaneId[] = ['nodes', 'manifests', 'pods', 'logs', 'terminal', 'doctor'];

export interface WorkspaceState {
  /** The pane shown alone, or null. */
  maximised: PaneId | null;
  toggleMaximised(pane: PaneId): void;
  /**
   * A moment chosen on the node timeline (ms since the epoch), or null: every pane shows what
   * happened after it (log lines, pods that changed, files modified).
   */
  since: number | null;
  setSince(ms: number | null): void;
}

export const WorkspaceContext = createContext<WorkspaceState>({
  maximised: null,
  toggleMaximised: () => undefined,
  since: null,
  setSince: () => undefined,
});

export function useWorkspace(): WorkspaceState {
  return useContext(WorkspaceContext);
}
