import { useCallback, useEffect, useRef, useState } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import type {
  ManifestBackup,
  ManifestEntry,
  ManifestSaveResult,
} from '../../../src-main/contract/domain/manifests';
import { useApi } from '../../api/ApiProvider';
import { Dialog } from '../../components/Dialog';
import { NodeTag } from '../../components/NodeTag';
import { NotConnected, StaleNote } from '../../components/NotConnected';
import { focusManifestLogs } from '../../state/log-focus';
import { notReadyMessage, staleSince } from '../paneMessages';
import { CodeEditor, type CodeEditorHandle } from './CodeEditor';
import { DirectoryList, DirectoryPath } from './DirectoryList';
import { HistoryDialog } from './HistoryDialog';
import { NewManifestDialog } from './NewManifestDialog';
import { ConflictDialog, DeleteDialog, DiffConfirmDialog, OnNodeTitle, RefusedDialog } from './SaveDialogs';
import { useApplyWatch } from './useApplyWatch';
import { useManifestDirectory } from './useManifestDirectory';
import { useSaveFlow, type OpenManifest, type SavedEvent } from './useSaveFlow';
import { WatchPanel } from './WatchPanel';

let docCounter = 0;
const nextDocKey = () => `doc-${++docCounter}`;

type Panel = 'new' | 'delete' | 'history' | { discardFor: ManifestEntry } | null;

/**
 * One node's manifests: its directory, its editor and its apply watch. Each node visited keeps
 * its own (hidden while another node is selected), so an unsaved edit stays with the node its
 * file was read from and every write goes to that node only (issue 14 point 1).
 */
export function NodeManifests({ node, active }: { node: NodeSummary; active: boolean }) {
  const { client } = useApi();
  const connected = node.state === 'connected';
  const nodeId = node.id;
  const { directory, readAt, error: listError, loading, refresh } = useManifestDirectory(node, active);
  const [open, setOpen] = useState<OpenManifest | null>(null);
  const [dirty, setDirty] = useState(false);
  const [panel, setPanel] = useState<Panel>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [rollingBack, setRollingBack] = useState(false);
  const [top, setTop] = useState<'files' | 'watch'>('files');
  const editor = useRef<CodeEditorHandle>(null);
  const watch = useApplyWatch();
  // The watch takes the directory's place at the directory's height: the editor never shrinks.
  const topRef = useRef<HTMLDivElement>(null);
  const [filesHeight, setFilesHeight] = useState<number | null>(null);
  useEffect(() => {
    const el = topRef.current;
    if (!el || top !== 'files') return;
    const observer = new ResizeObserver(() => setFilesHeight(el.offsetHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [top, active, directory !== null]);

  const onSaved = useCallback(
    (event: SavedEvent) => {
      setOpen((o) =>
        o && o.name === event.name ? { ...o, original: event.content, sha256: event.sha256 } : o,
      );
      setDirty(false);
      setStatus(`Saved ${event.name} on ${node.name}.`);
      void refresh();
      if (event.options.watch && event.pod) {
        setTop('watch');
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
    [node.name, nodeId, refresh, watch],
  );
  const flow = useSaveFlow(client, connected ? nodeId : null, open, onSaved);

  const load = useCallback(
    async (name: string) => {
      try {
        const file = await client.call('manifests.read', { id: nodeId, name });
        setOpen({ nodeId, name, original: file.content, sha256: file.sha256, docKey: nextDocKey() });
        setDirty(false);
        setStatus(file.binary ? `${name} is not text: do not edit it here.` : null);
        flow.setError(null);
      } catch (e) {
        flow.setError(`Could not open ${name}: ${(e as Error).message}`);
      }
    },
    [client, flow, nodeId],
  );

  const openEntry = (entry: ManifestEntry) => {
    if (dirty && open && open.name !== entry.name) setPanel({ discardFor: entry });
    else void load(entry.name);
  };

  const afterResult = async (result: ManifestSaveResult, what: string) => {
    if (result.status === 'saved' && open) {
      await load(open.name);
      setStatus(`${what} ${open.name} on ${node.name}.`);
      void refresh();
    } else if (result.status !== 'saved') flow.setError(result.message);
  };

  const rollback = async () => {
    if (!open || !watch.view) return;
    setRollingBack(true);
    const failedUid = watch.view.phases.find((p) => p.phase === 'apply')?.newUid ?? null;
    try {
      const result = await client.call('manifests.rollback', {
        id: nodeId,
        name: watch.view.name,
        expectedSha256: open.name === watch.view.name ? open.sha256 : undefined,
      });
      if (result.status === 'rolled-back') {
        // Watch the rollback too: the panel ends on its own verdict, not the failure it undid.
        watch.start(
          {
            ...watch.view.args,
            previousUid: failedUid,
            savedAt: Date.now(),
            rollbackOnFailure: false,
            savedSha256: result.sha256,
          },
          'rollback',
        );
        if (open.name === result.name) await load(open.name);
        setStatus(`Rolled back ${result.name} on ${node.name} from ${result.restoredFrom}.`);
        void refresh();
      } else flow.setError(result.message);
    } catch (e) {
      flow.setError(`Rollback failed: ${(e as Error).message}`);
    } finally {
      setRollingBack(false);
    }
  };

  const restore = async (backup: ManifestBackup) => {
    if (!open) return;
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
    if (!open?.sha256) return;
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

  // A reconnect ends the watch stream with an error; a disconnect ends this node's watch.
  const stopWatch = watch.stop;
  useEffect(() => {
    if (node.state === 'disconnected') stopWatch();
  }, [node.state, stopWatch]);

  const save = () => {
    if (connected) void flow.requestSave(editor.current?.text() ?? '');
    else flow.setError(`${node.name} is not connected: nothing can be saved until it is.`);
  };
  const message = notReadyMessage(
    node,
    'its static pod manifests (/etc/kubernetes/manifests on kubeadm nodes)',
  );

  if (!directory) {
    return (
      <div className="manifests-layout" hidden={!active}>
        {message !== null ? (
          <NotConnected node={node} title={message}>
            Every file the kubelet reads from the static pod path, with the pod it yields and whether it
            parses — stray backups and name clashes flagged.
          </NotConnected>
        ) : listError ? (
          <NotConnected node={node} title={`Could not list the manifest directory: ${listError}`}>
            <button type="button" onClick={() => void refresh()}>
              Try again
            </button>
          </NotConnected>
        ) : (
          <p className="manifest-muted">Reading the manifest directory…</p>
        )}
      </div>
    );
  }

  const d = flow.dialog;
  const stale = !connected;
  const watchLatest = watch.view
    ? ([...watch.view.phases].reverse().find((p) => p.verdict)?.verdict ?? null)
    : null;
  return (
    <div className={`manifests-layout${stale ? ' is-stale' : ''}`} hidden={!active}>
      {stale && readAt !== null ? <StaleNote node={node} since={staleSince(readAt)} /> : null}
      <div className="manifests-top-bar">
        <DirectoryPath directory={directory} />
        {watch.view ? (
          <span className="manifests-top-tabs" role="group" aria-label="Show">
            <button type="button" aria-pressed={top === 'files'} onClick={() => setTop('files')}>
              Files ({directory.entries.length})
            </button>
            <button type="button" aria-pressed={top === 'watch'} onClick={() => setTop('watch')}>
              Apply and watch{watchLatest ? '' : watch.view.running ? ' …' : ''}
            </button>
          </span>
        ) : null}
        <span className="manifest-toolbar-actions">
          <button
            type="button"
            onClick={() => void refresh()}
            disabled={loading || !connected}
            title="Read the directory again"
          >
            Refresh
          </button>
          <button
            type="button"
            onClick={() => setPanel('new')}
            disabled={!connected || !directory.path || directory.isSingleFile}
          >
            New…
          </button>
        </span>
      </div>
      <div
        className="manifests-top"
        ref={topRef}
        style={top === 'watch' && filesHeight ? { height: Math.max(filesHeight, 110) } : undefined}
      >
        {listError ? (
          <p className="manifest-error">Could not list the manifest directory: {listError}</p>
        ) : null}
        {top === 'watch' && watch.view ? (
          <WatchPanel
            view={watch.view}
            rollingBack={rollingBack}
            onRollback={() => void rollback()}
            onClose={() => {
              watch.clear();
              setTop('files');
            }}
          />
        ) : (
          <DirectoryList directory={directory} selected={open?.name ?? null} onOpen={openEntry} />
        )}
      </div>
      {open ? (
        <div className="manifest-editor-area">
          <div className="manifest-editor-toolbar">
            <NodeTag id={node.id} name={node.name} />
            <strong className="manifest-editor-file" data-testid="editor-file">
              {open.name}
            </strong>
            {dirty ? (
              <span className="manifest-dirty" title="Unsaved changes">
                • unsaved
              </span>
            ) : null}
            {open.sha256 === null ? <span className="manifest-muted">new file</span> : null}
            <span className="manifest-feedback">
              {flow.error ? (
                <span className="manifest-error" role="alert" title={flow.error}>
                  {flow.error}
                </span>
              ) : status ? (
                <span className="manifest-status" role="status" title={status}>
                  {status}
                </span>
              ) : null}
            </span>
            <span className="manifest-toolbar-actions">
              <button
                type="button"
                className="primary"
                onClick={save}
                disabled={!connected}
                title={`Show the diff and save on ${node.name} (Ctrl+S)`}
              >
                Save…
              </button>
              <button
                type="button"
                onClick={() => focusManifestLogs(directory, open.name)}
                title="Show this manifest's pod in the Kubelet logs pane"
              >
                Log lines
              </button>
              <button
                type="button"
                onClick={() => setPanel('history')}
                disabled={open.sha256 === null || !connected}
              >
                History
              </button>
              <button
                type="button"
                onClick={() => setPanel('delete')}
                disabled={open.sha256 === null || !connected}
              >
                Delete…
              </button>
            </span>
          </div>
          <CodeEditor
            ref={editor}
            docKey={open.docKey}
            initialText={open.original}
            label={`${open.name} on ${node.name}`}
            validate={async (content) =>
              (await client.call('manifests.validate', { name: open.name, content })).problems
            }
            onSave={save}
            onChange={(content) => setDirty(content !== open.original)}
          />
        </div>
      ) : (
        <div className="manifest-editor-area manifest-editor-empty">
          {flow.error ? (
            <p className="manifest-error" role="alert">
              {flow.error}
            </p>
          ) : status ? (
            <p className="manifest-status" role="status">
              {status}
            </p>
          ) : null}
          {directory.entries.length > 0 ? (
            <p className="manifest-muted">
              Open a file to edit it. Saving shows the diff first; the old version is kept as a backup outside
              the directory.
            </p>
          ) : null}
        </div>
      )}
      {d?.kind === 'diff' && open ? (
        <DiffConfirmDialog
          node={node}
          name={open.name}
          current={d.current}
          mine={d.mine}
          isNew={open.sha256 === null}
          busy={flow.busy}
          problems={d.problems}
          controlPlane={d.controlPlane}
          onCancel={() => flow.setDialog(null)}
          onSave={(options) => void flow.save(d.mine, options)}
        />
      ) : null}
      {d?.kind === 'conflict' ? (
        <ConflictDialog
          node={node}
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
              d.options ?? { watch: true, rollbackOnFailure: false, confirmRisky: false },
              d.options?.confirmRisky ?? false,
              d.conflict.theirsSha256,
            )
          }
        />
      ) : null}
      {d?.kind === 'refused' && open ? (
        <RefusedDialog
          node={node}
          name={open.name}
          message={d.message}
          problems={d.problems}
          onCancel={() => flow.setDialog(null)}
          onSaveAnyway={() => void flow.save(editor.current?.text() ?? '', d.options, true, d.expected)}
        />
      ) : null}
      {panel === 'new' ? (
        <NewManifestDialog
          node={node}
          existing={directory.entries.map((e) => e.name)}
          onCancel={() => setPanel(null)}
          onCreate={(name, template) => {
            setPanel(null);
            setOpen({ nodeId, name, original: '', sha256: null, docKey: nextDocKey() });
            // The template is the user's first edit of an empty file: the diff shows all of it.
            setTimeout(() => editor.current?.setText(template.content), 0);
          }}
        />
      ) : null}
      {panel === 'delete' && open ? (
        <DeleteDialog
          node={node}
          name={open.name}
          onCancel={() => setPanel(null)}
          onDelete={() => void remove()}
        />
      ) : null}
      {panel === 'history' && open ? (
        <HistoryDialog
          node={node}
          name={open.name}
          current={editor.current?.text() ?? open.original}
          onCancel={() => setPanel(null)}
          onRestore={(b) => void restore(b)}
        />
      ) : null}
      {panel !== null && typeof panel === 'object' && open ? (
        <Dialog
          title={<OnNodeTitle before="Discard your changes to" name={open.name} node={node} after="?" />}
          label={`Discard your changes to ${open.name} on ${node.name}?`}
          onCancel={() => setPanel(null)}
          actions={
            <>
              <button type="button" onClick={() => setPanel(null)} data-autofocus>
                Keep editing
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  const entry = panel.discardFor;
                  setPanel(null);
                  void load(entry.name);
                }}
              >
                Discard and open {panel.discardFor.name}
              </button>
            </>
          }
        >
          <p>Your edit of {open.name} has not been saved. Opening another file drops it.</p>
        </Dialog>
      ) : null}
    </div>
  );
}
