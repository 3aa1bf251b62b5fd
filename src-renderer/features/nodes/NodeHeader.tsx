import { useState } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import { useApi } from '../../api/ApiProvider';
import { ConnectionBadge } from '../../components/ConnectionBadge';
import { TourPanel } from '../tour/TourPanel';

/** The selected node's name, state and connection actions, above its panes. */
export function NodeHeader({ node }: { node: NodeSummary | null }) {
  const { client } = useApi();
  const [error, setError] = useState<string | null>(null);
  const [touring, setTouring] = useState(false);
  if (!node) {
    return (
      <div className="node-header">
        <h1>Kubelet Studio</h1>
        <span className="muted">No node selected</span>
      </div>
    );
  }
  const run = (action: () => Promise<unknown>) => {
    setError(null);
    action().catch((failure: Error) => setError(failure.message));
  };
  const connected = node.state === 'connected' || node.state === 'reconnecting';
  return (
    <div className="node-header">
      <h1>{node.name}</h1>
      <ConnectionBadge state={node.state} reason={node.reason} />
      {connected ? (
        <button type="button" onClick={() => run(() => client.call('nodes.disconnect', { id: node.id }))}>
          Disconnect
        </button>
      ) : (
        <button
          type="button"
          disabled={node.state === 'connecting'}
          onClick={() => run(() => client.call('nodes.connect', { id: node.id }))}
        >
          Connect
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
          onClick={() => {
            if (
              window.confirm(
                'Reset the sandbox node? Your manifests there are replaced by the kubeadm defaults.',
              )
            ) {
              run(() => client.call('sandbox.reset', {}));
            }
          }}
        >
          Reset sandbox
        </button>
      ) : null}
      {node.kind === 'ssh' ? (
        <button
          type="button"
          className="secondary"
          onClick={() => run(() => client.call('nodes.remove', { id: node.id }))}
        >
          Remove
        </button>
      ) : null}
      {error ? (
        <span className="form-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
