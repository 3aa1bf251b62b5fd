import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../../api/ApiProvider';

/** Add a node by SSH target: `user@host`, `user@host:2222` or an ~/.ssh/config alias. */
export function AddNodeForm({ onAdded }: { onAdded(id: string): void }) {
  const { client } = useApi();
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [aliases, setAliases] = useState<string[]>([]);
  useEffect(() => {
    client.call('nodes.sshHosts', {}).then(setAliases, () => setAliases([]));
  }, [client]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const node = await client.call('nodes.add', { target });
      setTarget('');
      onAdded(node.id);
      // A node is added to be looked at: connect at once (questions come as dialogs; a failure
      // is shown once in the node header with Retry).
      if (node.state === 'disconnected')
        void client.call('nodes.connect', { id: node.id }).catch(() => undefined);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-node" onSubmit={submit} aria-label="Add a node">
      <label htmlFor="add-node-target">Add a node</label>
      <div className="add-node-row">
        <input
          id="add-node-target"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          placeholder="user@host:port or ssh alias"
          list="ssh-config-hosts"
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" disabled={busy || target.trim() === ''}>
          Add
        </button>
        <datalist id="ssh-config-hosts">
          {aliases.map((alias) => (
            <option key={alias} value={alias} />
          ))}
        </datalist>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
