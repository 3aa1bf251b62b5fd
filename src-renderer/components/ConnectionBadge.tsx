import type { ConnectionState } from '../../src-main/contract';

export const CONNECTION_LABELS: Record<ConnectionState, string> = {
  disconnected: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  failed: 'Failed',
};

export function ConnectionBadge({ state, reason }: { state: ConnectionState; reason?: string }) {
  return (
    <span className={`badge badge-${state}`} title={reason ?? CONNECTION_LABELS[state]} data-state={state}>
      <span className="badge-dot" aria-hidden="true" />
      {CONNECTION_LABELS[state]}
    </span>
  );
}
