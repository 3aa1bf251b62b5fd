import { useState } from 'react';
import type { ManifestProblem, ManifestSaveResult } from '../../../src-main/contract/domain/manifests';
import { Dialog } from './Dialog';
import { DiffView } from './DiffView';

export interface SaveOptions {
  watch: boolean;
  rollbackOnFailure: boolean;
}

/** The diff against the node's current file, shown before every save (issue 5 point 3). */
export function DiffConfirmDialog({
  name,
  current,
  mine,
  isNew,
  busy,
  onSave,
  onCancel,
}: {
  name: string;
  current: string;
  mine: string;
  isNew: boolean;
  busy: boolean;
  onSave(options: SaveOptions): void;
  onCancel(): void;
}) {
  const [watch, setWatch] = useState(true);
  const [rollbackOnFailure, setRollback] = useState(false);
  return (
    <Dialog
      title={`Save ${name}?`}
      onCancel={onCancel}
      wide
      actions={
        <>
          <label>
            <input type="checkbox" checked={watch} onChange={(e) => setWatch(e.target.checked)} /> Watch what
            the kubelet does
          </label>
          <label title="As kubeadm's upgrade does: restore the backup if the pod does not come up running and ready">
            <input
              type="checkbox"
              checked={rollbackOnFailure}
              disabled={!watch || isNew}
              onChange={(e) => setRollback(e.target.checked)}
            />{' '}
            Roll back on failure
          </label>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => onSave({ watch, rollbackOnFailure: watch && !isNew && rollbackOnFailure })}
          >
            {busy ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <p className="manifest-muted">
        {isNew
          ? 'A new file (root:root 0600, as kubeadm writes them).'
          : 'The kubelet acts on the file as soon as it is renamed into place; the old version is backed up outside the directory.'}
      </p>
      <DiffView
        left={current}
        right={mine}
        leftLabel={isNew ? 'Nothing on the node yet' : 'On the node now'}
        rightLabel="Your version"
      />
    </Dialog>
  );
}

type Conflict = Extract<ManifestSaveResult, { status: 'conflict' }>;

/** Someone changed the file since it was opened: mine / theirs / original, and a clear choice. */
export function ConflictDialog({
  conflict,
  onKeepMine,
  onTakeTheirs,
  onCancel,
}: {
  conflict: Conflict;
  onKeepMine(): void;
  onTakeTheirs(): void;
  onCancel(): void;
}) {
  const column = (title: string, text: string | null) => (
    <div className="conflict-column">
      <h4>{title}</h4>
      <pre>{text ?? '(no file)'}</pre>
    </div>
  );
  return (
    <Dialog
      title={`${conflict.name} changed on the node`}
      onCancel={onCancel}
      wide
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel (keep editing)
          </button>
          <button type="button" onClick={onTakeTheirs}>
            Take theirs (discard my edit)
          </button>
          <button type="button" className="danger" onClick={onKeepMine}>
            Keep mine (replace theirs)
          </button>
        </>
      }
    >
      <p className="manifest-error">{conflict.message} Nothing was written.</p>
      <div className="conflict-columns">
        {column('Mine (your edit)', conflict.mine)}
        {column('Theirs (on the node now)', conflict.theirs)}
        {column('Original (when you opened it)', conflict.original)}
      </div>
    </Dialog>
  );
}

/** The core refused the content: its message, the problems, and an explicit "save anyway". */
export function RefusedDialog({
  message,
  problems,
  onSaveAnyway,
  onCancel,
}: {
  message: string;
  problems: ManifestProblem[];
  onSaveAnyway(): void;
  onCancel(): void;
}) {
  const [understood, setUnderstood] = useState(false);
  return (
    <Dialog
      title="The kubelet would not accept this manifest"
      onCancel={onCancel}
      actions={
        <>
          <label>
            <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} /> I
            understand the kubelet may stop this pod
          </label>
          <button type="button" onClick={onCancel}>
            Cancel (fix it)
          </button>
          <button type="button" className="danger" disabled={!understood} onClick={onSaveAnyway}>
            Save anyway
          </button>
        </>
      }
    >
      <p className="manifest-error">{message}</p>
      <ul className="manifest-problems">
        {problems.map((p, i) => (
          <li key={i} className={`manifest-problem-${p.severity}`}>
            {p.line !== null ? `line ${p.line}: ` : ''}
            {p.message}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

export function DeleteDialog({
  name,
  onDelete,
  onCancel,
}: {
  name: string;
  onDelete(): void;
  onCancel(): void;
}) {
  return (
    <Dialog
      title={`Delete ${name}?`}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={onDelete}>
            Move to the backup area
          </button>
        </>
      }
    >
      <p>
        The file is moved out of the manifest directory into the backup area (it stays in History). The
        kubelet stops its pod and deletes the mirror pod (docs/kubelet.md §1.7).
      </p>
    </Dialog>
  );
}
