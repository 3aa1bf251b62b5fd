import { useState } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import type { BundleResult } from '../../../src-main/contract/ops/doctor';
import { useApi } from '../../api/ApiProvider';
import { Dialog } from '../../components/Dialog';

export type BundleOutcome = { ok: true; result: BundleResult } | { ok: false; error: string };

/**
 * "Save bundle": which nodes go into the break-glass archive (the selected one by default; a
 * node that is not connected goes in with what could not be read, as `doctor.bundle` says).
 * The archive is written by the app, in its data directory; the pane then says where.
 */
export function BundleDialog({
  nodes,
  selectedId,
  onDone,
  onCancel,
}: {
  nodes: NodeSummary[];
  selectedId: string;
  onDone(outcome: BundleOutcome): void;
  onCancel(): void;
}) {
  const { client } = useApi();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set([selectedId]));
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const ids = nodes.filter((n) => chosen.has(n.id)).map((n) => n.id);
    if (ids.length === 0 || busy) return;
    setBusy(true);
    try {
      onDone({ ok: true, result: await client.call('doctor.bundle', { ids }) });
    } catch (error) {
      onDone({ ok: false, error: (error as Error).message });
    }
  };
  const toggle = (id: string) =>
    setChosen((set) => {
      const next = new Set(set);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Dialog
      title="Save a break-glass bundle"
      onCancel={onCancel}
      onSubmit={() => void save()}
      initialFocus="button[type=submit]"
      actions={
        <>
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || chosen.size === 0}>
            {busy ? 'Saving the bundle…' : 'Save bundle'}
          </button>
        </>
      }
    >
      <p>
        One archive with, from each node, the manifests, the pods and their findings, the doctor's report, the
        kubelet log, certificate summaries (never keys) and the kubelet and runtime configuration; tokens,
        keys and passwords are redacted.
      </p>
      <fieldset className="doctor-bundle-nodes" disabled={busy}>
        <legend>Nodes</legend>
        {nodes.map((n) => (
          <label key={n.id}>
            <input type="checkbox" checked={chosen.has(n.id)} onChange={() => toggle(n.id)} /> {n.name}
            {n.state === 'connected' ? null : (
              <span className="muted"> ({n.state}: goes in as not read)</span>
            )}
          </label>
        ))}
      </fieldset>
      {busy ? (
        <p role="status">
          <progress aria-label="Saving the bundle" /> Reading{' '}
          {chosen.size === 1 ? 'the node' : `${chosen.size} nodes`}…
        </p>
      ) : null}
    </Dialog>
  );
}
