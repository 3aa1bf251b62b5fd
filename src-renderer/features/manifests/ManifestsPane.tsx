import { forwardRef, useCallback, useRef, useState } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import type {
  ManifestBackup,
  ManifestEntry,
  ManifestSaveResult,
} from '../../../src-main/contract/domain/manifests';
import { useApi } from '../../api/ApiProvider';
import { EmptyState } from '../../components/EmptyState';
import { Pane } from '../../components/Pane';
import { focusManifestLogs } from '../../state/log-focus';
import { notReadyMessage } from '../paneMessages';
import { CodeEditor, type CodeEditorHandle } from './CodeEditor';
import { DirectoryList } from './DirectoryList';
import { HistoryDialog } from './HistoryDialog';
import { NewManifestDialog } from './NewManifestDialog';
import { ConflictDialog, DeleteDialog, DiffConfirmDialog, RefusedDialog } from './SaveDialogs';
import { useApplyWatch } from './useApplyWatch';
import { useManifestDirectory } from './useManifestDirectory';
import { useSaveFlow, type OpenManifest, type SavedEvent } from './useSaveFlow';
import { WatchPanel } from './WatchPanel';
import './manifests.css';

let docCounter = 0;
const nextDocKey = () => `doc-${++docCounter}`;

/** The static pod manifest directory, as the kubelet sees it, with a safe editor (issue 5). */
export const ManifestsPane = forwardRef<HTMLElement, { node: NodeSummary | null }>(function ManifestsPane(
  { node },
  ref,
) {
  const { client } = useApi();
  const message = notReadyMessage(
    node,
    'its static pod manifests (/etc/kubernetes/manifests on kubeadm nodes)',
  );
  const nodeId = message === null && node ? node.id : null;
  const {
    directory,
    error: listError,
    loading,
    refresh,
  } = useManifestDirectory(message === null ? node : null);
  const [open, setOpen] = useState<OpenManifest | null>(null);
  const [dirty, setDirty] = useState(false);
  const [panel, setPanel] = useState<'new' | 'delete' | 'history' | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [rollingBack, setRollingBack] = useState(false);
  const editor = useRef<CodeEditorHandle>(null);
  const watch = useApplyWatch();

  const onSaved = useCallback(
    (event: SavedEvent) => {
      setOpen((o) =>
        o && o.name === event.name ? { ...o, original: event.content, sha256: event.sha256 } : o,
      );
      setDirty(false);
      setStatus(`Saved ${event.name}.`);
      void refresh();
      if (event.options.watch && event.pod && nodeId) {
        watch.start({
          id: nodeId,
          name: event.name,
          podMetadataName: event.pod.metadataName,
          namespace: event.pod.namespace,
          previousUid: event.previousUid,
          savedAt: event.savedAt,
          rollbackOnFailure: event.options.rollbackOnFailure,
          savedSha256: event.sha256,
        });
      }
    },
    [nodeId, refresh, watch],
  );
  const flow = useSaveFlow(client, nodeId, open, onSaved);

  const load = useCallback(
    async (name: string) => {
      if (!nodeId) return;
      try {
        const file = await client.call('manifests.read', { id: nodeId, name });
        setOpen({ name, original: file.content, sha256: file.sha256, docKey: nextDocKey() });
        setDirty(false);
        setStatus(file.binary ? `${name} is not text: do not edit it here.` : null);
      } catch (e) {
        flow.setError(`Could not open ${name}: ${(e as Error).message}`);
      }
    },
    [client, flow, nodeId],
  );

  const openEntry = (entry: ManifestEntry) => {
    if (dirty && open && !window.confirm(`Discard your changes to ${open.name}?`)) return;
    void load(entry.name);
  };

  const afterResult = async (result: ManifestSaveResult, what: string) => {
    if (result.status === 'saved' && open) {
      await load(open.name);
      setStatus(`${what} ${open.name}.`);
      void refresh();
    } else if (result.status !== 'saved') flow.setError(result.message);
  };

  const rollback = async () => {
    if (!nodeId || !open) return;
    setRollingBack(true);
    try {
      const result = await client.call('manifests.rollback', {
        id: nodeId,
        name: open.name,
        expectedSha256: open.sha256,
      });
      if (result.status === 'rolled-back') {
        await load(open.name);
        setStatus(`Rolled back ${open.name} from ${result.restoredFrom}.`);
        void refresh();
      } else flow.setError(result.message);
    } catch (e) {
      flow.setError(`Rollback failed: ${(e as Error).message}`);
    } finally {
      setRollingBack(false);
    }
  };

  const restore = async (backup: ManifestBackup) => {
    if (!nodeId || !open) return;
    setPanel(null);
    try {
      await afterResult(
        await client.call('manifests.restore', {
          id: nodeId,
          name: open.name,
          backupPath: backup.path,
          expectedSha256: open.sha256,
        }),
        'Restored',
      );
    } catch (e) {
      flow.setError(`Restore failed: ${(e as Error).message}`);
    }
  };

  const remove = async () => {
    if (!nodeId || !open?.sha256) return;
    setPanel(null);
    try {
      const result = await client.call('manifests.delete', {
        id: nodeId,
        name: open.name,
        expectedSha256: open.sha256,
      });
      if (result.status === 'deleted') {
        setStatus(`Moved ${result.name} to ${result.backupPath}.`);
        setOpen(null);
        void refresh();
      } else flow.setError(result.message);
    } catch (e) {
      flow.setError(`Delete failed: ${(e as Error).message}`);
    }
  };

  const save = () => void flow.requestSave(editor.current?.text() ?? '');
  const actions =
    nodeId !== null ? (
      <>
        <button
          type="button"
          onClick={() => void refresh()}
          disabled={loading}
          title="Read the directory again"
        >
          Refresh
        </button>
        <button
          type="button"
          onClick={() => setPanel('new')}
          disabled={!directory?.path || directory.isSingleFile}
        >
          New…
        </button>
      </>
    ) : null;

  const d = flow.dialog;
  return (
    <Pane ref={ref} id="manifests" title="Manifests" shortcut="Alt+2" actions={actions}>
      {message !== null ? (
        <EmptyState title={message}>
          Every file the kubelet reads from the static pod path, with the pod it yields and whether it parses
          — stray backups and name clashes flagged.
        </EmptyState>
      ) : (
        <div className="manifests-layout">
          {listError ? (
            <p className="manifest-error">Could not list the manifest directory: {listError}</p>
          ) : null}
          {directory ? (
            <DirectoryList directory={directory} selected={open?.name ?? null} onOpen={openEntry} />
          ) : !listError ? (
            <p className="manifest-muted">Reading the manifest directory…</p>
          ) : null}
          {watch.view ? (
            <WatchPanel
              view={watch.view}
              rollingBack={rollingBack}
              onRollback={() => void rollback()}
              onClose={watch.clear}
            />
          ) : null}
          {open ? (
            <div className="manifest-editor-area">
              <div className="manifest-editor-toolbar">
                <strong>
                  {open.name}
                  {dirty ? ' •' : ''}
                </strong>
                {open.sha256 === null ? <span className="manifest-muted">new file</span> : null}
                <span className="manifest-toolbar-actions">
                  <button
                    type="button"
                    className="primary"
                    onClick={save}
                    title="Show the diff and save (Ctrl+S)"
                  >
                    Save…
                  </button>
                  <button
                    type="button"
                    onClick={() => focusManifestLogs(directory, open.name)}
                    title="Show this manifest's pod in the Kubelet logs pane"
                  >
                    Kubelet log lines
                  </button>
                  <button type="button" onClick={() => setPanel('history')} disabled={open.sha256 === null}>
                    History
                  </button>
                  <button type="button" onClick={() => setPanel('delete')} disabled={open.sha256 === null}>
                    Delete…
                  </button>
                </span>
              </div>
              <CodeEditor
                ref={editor}
                docKey={open.docKey}
                initialText={open.original}
                validate={async (content) =>
                  (await client.call('manifests.validate', { name: open.name, content })).problems
                }
                onSave={save}
                onChange={(content) => setDirty(content !== open.original)}
              />
            </div>
          ) : directory && directory.entries.length > 0 ? (
            <p className="manifest-muted">
              Open a file to edit it. Saving shows the diff first; the old version is kept as a backup outside
              the directory.
            </p>
          ) : null}
          {flow.error ? (
            <p className="manifest-error" role="alert">
              {flow.error}
            </p>
          ) : null}
          {status ? (
            <p className="manifest-status" role="status">
              {status}
            </p>
          ) : null}
        </div>
      )}
      {d?.kind === 'diff' && open ? (
        <DiffConfirmDialog
          name={open.name}
          current={d.current}
          mine={d.mine}
          isNew={open.sha256 === null}
          busy={flow.busy}
          onCancel={() => flow.setDialog(null)}
          onSave={(options) => void flow.save(d.mine, options)}
        />
      ) : null}
      {d?.kind === 'conflict' ? (
        <ConflictDialog
          conflict={d.conflict}
          onCancel={() => flow.setDialog(null)}
          onTakeTheirs={() => {
            const theirs = d.conflict.theirs;
            flow.setDialog(null);
            if (open)
              setOpen({
                ...open,
                original: theirs ?? '',
                sha256: d.conflict.theirsSha256,
                docKey: nextDocKey(),
              });
            setDirty(false);
          }}
          onKeepMine={() =>
            void flow.save(
              d.conflict.mine,
              d.options ?? { watch: true, rollbackOnFailure: false },
              false,
              d.conflict.theirsSha256,
            )
          }
        />
      ) : null}
      {d?.kind === 'refused' && open ? (
        <RefusedDialog
          message={d.message}
          problems={d.problems}
          onCancel={() => flow.setDialog(null)}
          onSaveAnyway={() => void flow.save(editor.current?.text() ?? '', d.options, true, d.expected)}
        />
      ) : null}
      {panel === 'new' && directory ? (
        <NewManifestDialog
          existing={directory.entries.map((e) => e.name)}
          onCancel={() => setPanel(null)}
          onCreate={(name, template) => {
            setPanel(null);
            setOpen({ name, original: '', sha256: null, docKey: nextDocKey() });
            // The template is the user's first edit of an empty file: the diff shows all of it.
            setTimeout(() => editor.current?.setText(template.content), 0);
          }}
        />
      ) : null}
      {panel === 'delete' && open ? (
        <DeleteDialog name={open.name} onCancel={() => setPanel(null)} onDelete={() => void remove()} />
      ) : null}
      {panel === 'history' && open && nodeId ? (
        <HistoryDialog
          nodeId={nodeId}
          name={open.name}
          current={editor.current?.text() ?? open.original}
          onCancel={() => setPanel(null)}
          onRestore={(b) => void restore(b)}
        />
      ) : null}
    </Pane>
  );
});
