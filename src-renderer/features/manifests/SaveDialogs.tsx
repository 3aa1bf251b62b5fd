import { useState } from 'react';
import type { ManifestProblem, ManifestSaveResult } from '../../../src-main/contract/domain/manifests';
import { Dialog } from '../../components/Dialog';
import { NodeTag } from '../../components/NodeTag';
import { DiffView } from './DiffView';
import { ProblemList } from './ProblemList';

export interface SaveOptions {
  watch: boolean;
  rollbackOnFailure: boolean;
  /** The user saw the problems the kubelet's rules find and saves anyway. */
  confirmRisky: boolean;
}

/** The node a dialog acts on: its name and colour are in every title. */
export interface DialogNode {
  id: string;
  name: string;
}

/** "Save kube-apiserver.yaml on controlplane?" with the node's colour. */
export function OnNodeTitle({
  before,
  name,
  node,
  after = '',
}: {
  before: string;
  name: string;
  node: DialogNode;
  after?: string;
}) {
  return (
    <>
      <span>
        {before} {name} on
      </span>
      <NodeTag id={node.id} name={node.name} />
      {after ? <span>{after}</span> : null}
    </>
  );
}

/**
 * The diff against the node's current file, shown before every save (issue 5 point 3), with the
 * problems the editor already shows (the same `manifests.validate`): errors must be acknowledged
 * here, so the core never refuses a save the user has just confirmed.
 */
export function DiffConfirmDialog({
  node,
  name,
  current,
  mine,
  isNew,
  busy,
  problems,
  controlPlane,
  onSave,
  onCancel,
}: {
  node: DialogNode;
  name: string;
  current: string;
  mine: string;
  isNew: boolean;
  busy: boolean;
  /** null while they are being read. */
  problems: ManifestProblem[] | null;
  /** A control-plane pod: rolling back on failure is the safe default (as kubeadm upgrades do). */
  controlPlane: boolean;
  onSave(options: SaveOptions): void;
  onCancel(): void;
}) {
  const [watch, setWatch] = useState(true);
  // Until the user chooses, the default follows what the pod is (known once the rules have run).
  const [rollbackChoice, setRollback] = useState<boolean | null>(null);
  const rollbackOnFailure = rollbackChoice ?? controlPlane;
  const [understood, setUnderstood] = useState(false);
  const errors = (problems ?? []).filter((p) => p.severity === 'error');
  const blocked = busy || problems === null || (errors.length > 0 && !understood);
  return (
    <Dialog
      title={<OnNodeTitle before="Save" name={name} node={node} after="?" />}
      label={`Save ${name} on ${node.name}?`}
      onCancel={onCancel}
      wide
      actions={
        <>
          <span className="dialog-options">
            <label>
              <input type="checkbox" checked={watch} onChange={(e) => setWatch(e.target.checked)} /> Watch
              what the kubelet does
            </label>
            <label title="As kubeadm's upgrade does: restore the backup if the pod does not come up running and ready">
              <input
                type="checkbox"
                checked={rollbackOnFailure && watch && !isNew}
                disabled={!watch || isNew}
                onChange={(e) => setRollback(e.target.checked)}
              />{' '}
              Roll back on failure
            </label>
          </span>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className={errors.length > 0 ? 'danger' : 'primary'}
            disabled={blocked}
            onClick={() =>
              onSave({
                watch,
                rollbackOnFailure: watch && !isNew && rollbackOnFailure,
                confirmRisky: errors.length > 0 && understood,
              })
            }
          >
            {busy ? 'Saving…' : errors.length > 0 ? 'Save anyway' : 'Save'}
          </button>
        </>
      }
    >
      <p className="manifest-muted">
        {isNew
          ? 'A new file (root:root 0600, as kubeadm writes them).'
          : 'The kubelet acts on the file as soon as it is renamed into place; the old version is backed up outside the directory.'}
      </p>
      {problems === null ? (
        <p className="manifest-muted">Checking the kubelet's rules…</p>
      ) : problems.length > 0 ? (
        <div className={errors.length > 0 ? 'save-problems save-problems-error' : 'save-problems'}>
          <p>
            {errors.length > 0
              ? `The kubelet would not accept this manifest (${errors.length} error${errors.length > 1 ? 's' : ''}, as marked in the editor):`
              : 'Warnings, as marked in the editor:'}
          </p>
          <ProblemList problems={problems} />
          {errors.length > 0 ? (
            <label>
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />{' '}
              I understand the kubelet may stop this pod
            </label>
          ) : null}
        </div>
      ) : null}
      <DiffView
        left={current}
        right={mine}
        leftLabel={isNew ? 'Nothing on the node yet' : `On ${node.name} now`}
        rightLabel="Your version"
      />
    </Dialog>
  );
}

type Conflict = Extract<ManifestSaveResult, { status: 'conflict' }>;

/**
 * Someone changed the file since it was opened: the change on the node and the user's edit as
 * side-by-side diffs (the node's version on the left), and a clear choice.
 */
export function ConflictDialog({
  node,
  conflict,
  onKeepMine,
  onTakeTheirs,
  onCancel,
}: {
  node: DialogNode;
  conflict: Conflict;
  onKeepMine(): void;
  onTakeTheirs(): void;
  onCancel(): void;
}) {
  const [compare, setCompare] = useState<'mine' | 'node'>('mine');
  const theirs = conflict.theirs ?? '';
  return (
    <Dialog
      title={<OnNodeTitle before="" name={conflict.name} node={node} after="changed meanwhile" />}
      label={`${conflict.name} changed on ${node.name}`}
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
            Keep mine (replace theirs on {node.name})
          </button>
        </>
      }
    >
      <p className="manifest-error">{conflict.message} Nothing was written.</p>
      <div className="conflict-compare" role="radiogroup" aria-label="Compare">
        <label>
          <input
            type="radio"
            name="conflict-compare"
            checked={compare === 'mine'}
            onChange={() => setCompare('mine')}
          />{' '}
          Theirs against my edit
        </label>
        <label>
          <input
            type="radio"
            name="conflict-compare"
            checked={compare === 'node'}
            onChange={() => setCompare('node')}
            disabled={conflict.original === null}
          />{' '}
          What changed on the node since I opened it
        </label>
      </div>
      {compare === 'mine' ? (
        <DiffView
          left={theirs}
          right={conflict.mine}
          leftLabel={
            conflict.theirs === null ? 'Theirs: the file was deleted' : `Theirs (on ${node.name} now)`
          }
          rightLabel="Mine (your edit)"
        />
      ) : (
        <DiffView
          left={conflict.original ?? ''}
          right={theirs}
          leftLabel="Original (when you opened it)"
          rightLabel={`Theirs (on ${node.name} now)`}
        />
      )}
    </Dialog>
  );
}

/** The core refused the content: its message, the problems, and an explicit "save anyway". */
export function RefusedDialog({
  node,
  name,
  message,
  problems,
  onSaveAnyway,
  onCancel,
}: {
  node: DialogNode;
  name: string;
  message: string;
  problems: ManifestProblem[];
  onSaveAnyway(): void;
  onCancel(): void;
}) {
  const [understood, setUnderstood] = useState(false);
  return (
    <Dialog
      title={<OnNodeTitle before="The kubelet would not accept" name={name} node={node} />}
      label={`The kubelet would not accept ${name} on ${node.name}`}
      onCancel={onCancel}
      actions={
        <>
          <span className="dialog-options">
            <label>
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />{' '}
              I understand the kubelet may stop this pod
            </label>
          </span>
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
      <ProblemList problems={problems} />
    </Dialog>
  );
}

export function DeleteDialog({
  node,
  name,
  onDelete,
  onCancel,
}: {
  node: DialogNode;
  name: string;
  onDelete(): void;
  onCancel(): void;
}) {
  return (
    <Dialog
      title={<OnNodeTitle before="Delete" name={name} node={node} after="?" />}
      label={`Delete ${name} on ${node.name}?`}
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
        kubelet stops its pod and deletes its mirror pod.
      </p>
    </Dialog>
  );
}
