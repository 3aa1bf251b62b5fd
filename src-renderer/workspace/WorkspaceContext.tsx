import { createContext, useContext } from 'react';

export type PaneId = 'nodes' | 'manifests' | 'pods' | 'logs' | 'terminal';

export const PANE_IDS: PaneId[] = ['nodes', 'manifests', 'pods', 'logs', 'terminal'];

export interface WorkspaceState {
  /** The pane shown alone, or null. */
  maximised: PaneId | null;
  toggleMaximised(pane: PaneId): void;
}

export const WorkspaceContext = createContext<WorkspaceState>({
  maximised: null,
  toggleMaximised: () => undefined,
});

export function useWorkspace(): WorkspaceState {
  return useContext(WorkspaceContext);
}
