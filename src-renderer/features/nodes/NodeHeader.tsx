import { useState } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import { useApi } from '../../api/ApiProvider';
import { ConnectionBadge } from '../../components/ConnectionBadge';
import { Dialog } from '../../components/Dialog';
import { NodeTag } from '../../components/NodeTag';
import { TourPanel } from '../tour/TourPanel';
import { EditNodeDialog } from './EditNodeDialog';

/**
 * The selected node's name, state and connection actions, above its panes. A failed connection
 * is said here once, in its own words, with Retry beside it; the panes only say "not connected".
 */
export function NodeHeader({ node }: { node: NodeSummary | null }) {
  const { client } = useApi();
  const [error, setError] = useState<{ nodeId: string; message: string } | null>(null);
  const [touring, setTouring] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const [editing, setEditing] = useState(false);
  if (!node) {
    return (
      <div className="node-header">
        <h1>Kubelet Studio</h1>
        <span className="muted">No node selected</span>
      </div>
    );
  }
  // Errors of actions other than connecting (remove, reset): a failed connect is the node's state.
  const run = (action: () => Promise<unknown>, reportsOwnFailure = false) => {
    setError(null);
    action().catch((failure: Error) => {
      if (!reportsOwnFailure) setError({ nodeId: node.id, message: failure.message });
    });
  };
  const connect = () => run(() => client.call('nodes.connect', { id: node.id }), true);
  const connected = node.state === 'connected' || node.state === 'reconnecting';
  const actionError = error?.nodeId === node.id ? error.message : null;
  return (
    <div className="node-header">
      <h1>
        <NodeTag id={node.id} name={node.name} />
      </h1>
      <ConnectionBadge state={node.state} reason={node.reason} />
      {connected ? (
        <button type="button" onClick={() => run(() => client.call('nodes.disconnect', { id: node.id }))}>
          Disconnect
        </button>
      ) : (
        <button
          type="button"
          className={node.state === 'failed' ? 'primary' : undefined}
          disabled={node.state === 'connecting'}
          onClick={connect}
        >
          {node.state === 'failed' ? 'Retry' : 'Connect'}
        </button>
      )}
      {node.kind === 'sandbox' && node.state === 'connected' ? (
        <button
          type="button"
          onClick={() => setTouring(true)}
          title="The classic static-pod experiments, step by step"
        >
          Tour
        </button>
      ) : null}
      {touring && node.kind === 'sandbox' ? (
        <TourPanel node={node} onClose={() => setTouring(false)} />
      ) : null}
      {node.kind === 'sandbox' ? (
        <button
          type="button"
          className="secondary"
          title="Restore kubeadm's four control-plane manifests and clear the simulated runtime"
          onClick={() => setConfirmReset(true)}
        >
          Reset sandbox
        </button>
      ) : null}
      {node.kind === 'ssh' ? (
        <>
          <button type="button" className="secondary" onClick={() => setEditing(true)}>
            Edit…
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => run(() => client.call('nodes.remove', { id: node.id }))}
          >
            Remove
          </button>
        </>
      ) : null}
      {editing ? <EditNodeDialog node={node} onClose={() => setEditing(false)} /> : null}
      {node.state === 'failed' && node.reason ? (
        <span className="node-header-error" role="alert" data-testid="connection-error">
          {node.reason}
        </span>
      ) : null}
      {actionError ? (
        <span className="form-error" role="alert">
          {actionError}
        </span>
      ) : null}
      {confirmReset ? (
        <Dialog
          title={
            <>
              <span>Reset</span>
              <NodeTag id={node.id} name={node.name} />
              <span>?</span>
            </>
          }
          label={`Reset ${node.name}?`}
          onCancel={() => setConfirmReset(false)}
          actions={
            <>
              <button type="button" onClick={() => setConfirmReset(false)} data-autofocus>
                Cancel
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  setConfirmReset(false);
                  run(() => client.call('sandbox.reset', {}));
                }}
              >
                Reset the sandbox
              </button>
            </>
          }
        >
          <p>
            Your manifests there are replaced by the kubeadm defaults and the simulated runtime is cleared.
          </p>
        </Dialog>
      ) : null}
    </div>
  );
}
