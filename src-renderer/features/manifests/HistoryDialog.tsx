import { useEffect, useState } from 'react';
import type { ManifestBackup, ManifestHistory } from '../../../src-main/contract/domain/manifests';
import { useApi } from '../../api/ApiProvider';
import { Dialog } from '../../components/Dialog';
import { DiffView } from './DiffView';
import { OnNodeTitle, type DialogNode } from './SaveDialogs';

/**
 * The backups of a manifest with time and a diff to the current file; restoring one goes
 * through the same crash-safe save (issue 5 point 6).
 */
export function HistoryDialog({
  node,
  name,
  current,
  onRestore,
  onCancel,
}: {
  node: DialogNode;
  name: string;
  current: string;
  onRestore(backup: ManifestBackup): void;
  onCancel(): void;
}) {
  const { client } = useApi();
  const nodeId = node.id;
  const [history, setHistory] = useState<ManifestHistory | null>(null);
  const [selected, setSelected] = useState<ManifestBackup | null>(null);
  const [content, setContent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    client.call('manifests.history', { id: nodeId, name }).then(
      (h) => {
        setHistory(h);
        setSelected(h.backups[0] ?? null);
      },
      (e: Error) => setError(e.message),
    );
  }, [client, nodeId, name]);

  useEffect(() => {
    setContent(null);
    if (!selected) return;
    client.call('manifests.readBackup', { id: nodeId, path: selected.path }).then(
      (b) => setContent(b.content),
      (e: Error) => setError(e.message),
    );
  }, [client, nodeId, selected]);

  return (
    <Dialog
      title={<OnNodeTitle before="History of" name={name} node={node} />}
      label={`History of ${name} on ${node.name}`}
      onCancel={onCancel}
      wide
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Close
          </button>
          <button
            type="button"
            className="primary"
            disabled={!selected || content === null}
            onClick={() => selected && onRestore(selected)}
          >
            Restore this version
          </button>
        </>
      }
    >
      {error ? <p className="manifest-error">{error}</p> : null}
      {history && history.backups.length === 0 ? (
        <p className="manifest-note">
          No backups yet: every save keeps the replaced version in {history.backupRoot}.
        </p>
      ) : null}
      {history && history.backups.length > 0 ? (
        <div className="history-layout">
          <ul className="history-list" aria-label="Backups">
            {history.backups.map((b) => (
              <li key={b.path}>
                <button
                  type="button"
                  className={b === selected ? 'selected' : undefined}
                  aria-pressed={b === selected}
                  onClick={() => setSelected(b)}
                  title={b.path}
                >
                  {new Date(b.takenAt).toLocaleString()}
                  <span className="manifest-muted">
                    {' '}
                    {b.kind === 'rolled-back' ? 'rolled back' : 'backup'} · {b.size} B ·{' '}
                    {b.sha256.slice(0, 8)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div className="history-diff">
            {content !== null ? (
              <DiffView left={content} right={current} leftLabel="Backup" rightLabel="Current file" />
            ) : (
              <p className="manifest-muted">Loading…</p>
            )}
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
