import { useCallback, useState } from 'react';
import type { ContractClient } from '../../../src-main/contract';
import type { ManifestProblem, ManifestSaveResult } from '../../../src-main/contract/domain/manifests';
import { isControlPlanePod } from './control-plane';
import type { SaveOptions } from './SaveDialogs';

/** The file open in the editor: what the node had when it was opened (for diffs and conflicts). */
export interface OpenManifest {
  /** The node the file was read from: the only node a save of it may write to. */
  nodeId: string;
  name: string;
  /** The content as read from the node (or last saved); '' for a new file. */
  original: string;
  /** sha256 when opened or last saved; null for a file not yet on the node. */
  sha256: string | null;
  /** Changes when a different document is loaded into the editor. */
  docKey: string;
}

export type SaveDialog =
  | {
      kind: 'diff';
      current: string;
      mine: string;
      /** `manifests.validate` of mine (the editor's own lint); null while it runs. */
      problems: ManifestProblem[] | null;
      controlPlane: boolean;
    }
  | {
      kind: 'conflict';
      conflict: Extract<ManifestSaveResult, { status: 'conflict' }>;
      options: SaveOptions | null;
    }
  | {
      kind: 'refused';
      message: string;
      problems: ManifestProblem[];
      options: SaveOptions;
      expected: string | null;
    }
  | null;

export interface SavedEvent {
  name: string;
  content: string;
  sha256: string;
  options: SaveOptions;
  previousUid: string | null;
  pod: { metadataName: string; namespace: string } | null;
  savedAt: number;
}

/** Refuses a write to any node but the one the open file was read from. */
function sameNode(nodeId: string | null, open: OpenManifest | null): open is OpenManifest {
  return nodeId !== null && open !== null && open.nodeId === nodeId;
}

/**
 * The save protocol as the user sees it (issue 5 points 3–4): read the node's current file,
 * show the diff (or the conflict if it changed since opening), save through the core's
 * crash-safe save, ask before saving refused content, and hand the result to the watch.
 */
export function useSaveFlow(
  client: ContractClient,
  nodeId: string | null,
  open: OpenManifest | null,
  onSaved: (event: SavedEvent) => void,
) {
  const [dialog, setDialog] = useState<SaveDialog>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const check = useCallback(
    (mine: string) => {
      if (!open) return;
      client.call('manifests.validate', { name: open.name, content: mine }).then(
        ({ problems, pod }) =>
          setDialog((d) =>
            d?.kind === 'diff' && d.mine === mine
              ? { ...d, problems, controlPlane: isControlPlanePod(pod, mine) }
              : d,
          ),
        () => setDialog((d) => (d?.kind === 'diff' && d.mine === mine ? { ...d, problems: [] } : d)),
      );
    },
    [client, open],
  );

  const requestSave = useCallback(
    async (mine: string) => {
      if (!sameNode(nodeId, open)) return;
      setError(null);
      if (open.sha256 === null) {
        setDialog({ kind: 'diff', current: '', mine, problems: null, controlPlane: false });
        check(mine);
        return;
      }
      try {
        const current = await client.call('manifests.read', { id: open.nodeId, name: open.name });
        if (current.sha256 !== open.sha256) {
          const message = 'The file changed on the node since you opened it.';
          setDialog({
            kind: 'conflict',
            options: null,
            conflict: {
              status: 'conflict',
              name: open.name,
              mine,
              theirs: current.content,
              theirsSha256: current.sha256,
              original: open.original,
              message,
            },
          });
          return;
        }
        setDialog({ kind: 'diff', current: current.content, mine, problems: null, controlPlane: false });
        check(mine);
      } catch (e) {
        const err = e as { code?: string; message: string };
        if (err.code === 'not-found') {
          const message = 'The file was deleted on the node since you opened it.';
          setDialog({
            kind: 'conflict',
            options: null,
            conflict: {
              status: 'conflict',
              name: open.name,
              mine,
              theirs: null,
              theirsSha256: null,
              original: open.original,
              message,
            },
          });
        } else setError(`Could not read the node's current ${open.name}: ${err.message}`);
      }
    },
    [check, client, nodeId, open],
  );

  /** The static UID of the pod before the save, for the watch (docs/kubelet.md §0: sandbox uid = config hash). */
  const identify = useCallback(
    async (content: string) => {
      if (!sameNode(nodeId, open)) return { pod: null, previousUid: null };
      try {
        const { pod } = await client.call('manifests.validate', { name: open.name, content });
        if (!pod || open.sha256 === null) return { pod, previousUid: null };
        const snapshot = await client.call('pods.snapshot', { id: open.nodeId });
        const fullName = `${pod.metadataName}-${snapshot.nodeName.toLowerCase()}`;
        const running = snapshot.pods.find(
          (p) =>
            p.origin === 'static' &&
            p.name === fullName &&
            p.namespace === pod.namespace &&
            p.sandboxes.some((s) => s.state === 'ready'),
        );
        const known =
          running ??
          snapshot.pods.find(
            (p) => p.origin === 'static' && p.name === fullName && p.namespace === pod.namespace,
          );
        return { pod, previousUid: known?.uid ?? null };
      } catch {
        return { pod: null, previousUid: null };
      }
    },
    [client, nodeId, open],
  );

  const save = useCallback(
    async (
      mine: string,
      options: SaveOptions,
      confirmRisky = options.confirmRisky,
      expected: string | null = open?.sha256 ?? null,
    ) => {
      if (!sameNode(nodeId, open)) return;
      setBusy(true);
      setError(null);
      try {
        const before = options.watch ? await identify(mine) : { pod: null, previousUid: null };
        const result = await client.call('manifests.save', {
          id: open.nodeId,
          name: open.name,
          content: mine,
          expectedSha256: expected,
          confirmRisky,
        });
        if (result.status === 'saved') {
          setDialog(null);
          onSaved({
            name: open.name,
            content: mine,
            sha256: result.sha256,
            options,
            previousUid: before.previousUid,
            pod: before.pod,
            savedAt: Date.now(),
          });
        } else if (result.status === 'conflict') {
          setDialog({
            kind: 'conflict',
            conflict: { ...result, original: result.original ?? open.original },
            options,
          });
        } else {
          setDialog({
            kind: 'refused',
            message: result.message,
            problems: result.problems,
            options,
            expected,
          });
        }
      } catch (e) {
        setDialog(null);
        setError(`Could not save ${open.name}: ${(e as Error).message}`);
      } finally {
        setBusy(false);
      }
    },
    [client, identify, nodeId, onSaved, open],
  );

  return { dialog, setDialog, busy, error, setError, requestSave, save };
}
