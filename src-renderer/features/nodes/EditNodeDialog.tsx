import { useState } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import { useApi } from '../../api/ApiProvider';
import { Dialog } from '../../components/Dialog';
import { NodeTag } from '../../components/NodeTag';

/**
 * Edit an SSH node: its name and its target (a typo in the port, another user). A new target is
 * another machine, so the node is disconnected first and connected again to the new one.
 */
export function EditNodeDialog({ node, onClose }: { node: NodeSummary; onClose(): void }) {
  const { client } = useApi();
  const [name, setName] = useState(node.name === node.target ? '' : node.name);
  const [target, setTarget] = useState(node.target);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const changedTarget = target.trim() !== node.target;
      const updated = await client.call('nodes.update', {
        id: node.id,
        target: target.trim(),
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      onClose();
      if (changedTarget || updated.state === 'failed')
        void client.call('nodes.connect', { id: node.id }).catch(() => undefined);
    } catch (failure) {
      setError((failure as Error).message);
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={
        <>
          <span>Edit</span>
          <NodeTag id={node.id} name={node.name} />
        </>
      }
      label={`Edit ${node.name}`}
      onCancel={onClose}
      onSubmit={() => void save()}
      initialFocus="input"
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || target.trim() === ''}>
            {busy ? 'Saving…' : 'Save and connect'}
          </button>
        </>
      }
    >
      <label className="prompt-field">
        SSH target (user@host:port or an ~/.ssh/config alias)
        <input
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          list="ssh-config-hosts"
        />
      </label>
      <label className="prompt-field">
        Name (optional; the target when empty)
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </label>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
