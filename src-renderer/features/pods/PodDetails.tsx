import { useEffect, useState } from 'react';
import type { CrashDetails, Finding, JoinedPod } from '../../../src-main/contract/domain/node-pods';
import { podLogFilter } from '../../../src-main/contract/domain/pod-log-link';
import type { ContainerLogs, RuntimeInspect } from '../../../src-main/contract/ops/pods';
import { useApi } from '../../api/ApiProvider';
import { focusPodLogs } from '../../state/log-focus';
import { FindingsList } from './FindingsList';

interface Props {
  nodeId: string;
  pod: JoinedPod;
  findings: Finding[];
  crashes: Record<string, CrashDetails>;
  onClose(): void;
}

/**
 * One pod's details (issue 6 point 5): its findings, restart history from crictl, the logs of
 * the current and previous attempt, crictl inspect, a live follow, and a link to its kubelet
 * log lines (a PodLogFilter event for the Logs pane).
 */
export function PodDetails({ nodeId, pod, findings, crashes, onClose }: Props) {
  const { client } = useApi();
  const newest = pod.containers[0] ?? null;
  const [chosenId, setContainerId] = useState<string | null>(newest?.id ?? null);
  // A restart replaces the container (new id) and the runtime drops old ones: fall back to the newest.
  const containerId =
    chosenId && pod.containers.some((c) => c.id === chosenId) ? chosenId : (newest?.id ?? null);
  const [logs, setLogs] = useState<ContainerLogs | null>(null);
  const [previous, setPrevious] = useState(false);
  const [inspect, setInspect] = useState<RuntimeInspect | null>(null);
  const [following, setFollowing] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setContainerId(newest?.id ?? null), [pod.uid]);

  useEffect(() => {
    setLogs(null);
    setInspect(null);
    setFollowing(null);
    if (!containerId) return;
    let live = true;
    client.call('pods.logs', { id: nodeId, containerId, previous, tail: 200 }).then(
      (l) => live && setLogs(l),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [client, nodeId, containerId, previous]);

  useEffect(() => {
    if (following === null || !containerId) return;
    const handle = client.open(
      'pods.logs.follow',
      { id: nodeId, containerId, tail: 50 },
      {
        onEvent: (event) => setFollowing((lines) => [...(lines ?? []), ...event.lines].slice(-2000)),
        onEnd: (e) => e && setError(e.message),
      },
    );
    return () => handle.close();
  }, [client, nodeId, containerId, following === null]);

  const showInspect = (target: 'container' | 'sandbox', runtimeId: string) =>
    client
      .call('pods.inspect', { id: nodeId, target, runtimeId })
      .then(setInspect, (e: Error) => setError(e.message));

  const openKubeletLogs = () => {
    const filter = podLogFilter(
      pod.namespace,
      pod.name,
      pod.uid.startsWith('file:') ? null : pod.uid,
      pod.manifestPaths.at(-1) ?? null,
    );
    focusPodLogs(filter);
  };

  const crash = containerId ? crashes[containerId] : undefined;
  return (
    <aside className="pods-details" aria-label={`Details of ${pod.name}`}>
      <header className="pods-details-head">
        <h3>
          {pod.namespace}/{pod.name}
        </h3>
        <button
          type="button"
          className="secondary pods-details-close"
          onClick={onClose}
          aria-label="Close the details"
          title="Close (Escape)"
        >
          ×
        </button>
      </header>
      <p className="pods-mono pods-details-uid">uid {pod.uid}</p>
      <button type="button" onClick={openKubeletLogs}>
        Kubelet log lines for this pod
      </button>
      {error ? (
        <p className="pods-error" role="alert">
          {error}
        </p>
      ) : null}
      <FindingsList findings={findings} compact />
      <h4>Restart history (crictl)</h4>
      <table className="pods-history">
        <thead>
          <tr>
            <th>container</th>
            <th>attempt</th>
            <th>state</th>
            <th>id</th>
            <th>sandbox</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {pod.containers.map((c) => (
            <tr
              key={c.id}
              className={c.id === containerId ? 'selected' : ''}
              aria-selected={c.id === containerId}
              onClick={() => setContainerId(c.id)}
            >
              <td>
                <button
                  type="button"
                  className="pods-link"
                  aria-pressed={c.id === containerId}
                  title="Show this attempt's logs"
                  onClick={() => setContainerId(c.id)}
                >
                  {c.name}
                </button>
              </td>
              <td>{c.attempt}</td>
              <td>{c.state}</td>
              <td className="pods-mono">{c.id.slice(0, 13)}</td>
              <td className="pods-mono">{c.podSandboxId.slice(0, 13)}</td>
              <td>
                <button type="button" onClick={() => void showInspect('container', c.id)}>
                  inspect
                </button>
              </td>
            </tr>
          ))}
          {pod.sandboxes.map((sb) => (
            <tr key={sb.id}>
              <td>(sandbox)</td>
              <td>{sb.attempt}</td>
              <td>{sb.state}</td>
              <td className="pods-mono">{sb.id.slice(0, 13)}</td>
              <td />
              <td>
                <button type="button" onClick={() => void showInspect('sandbox', sb.id)}>
                  inspectp
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {crash ? (
        <p className="pods-mono">
          Last exit: code {crash.exitCode ?? '?'} {crash.reason ?? ''} {crash.finishedAt ?? ''}
        </p>
      ) : null}
      {containerId ? (
        <>
          <div className="pods-log-tabs" role="group" aria-label="Log attempt">
            <button
              type="button"
              aria-pressed={!previous && following === null}
              onClick={() => {
                setPrevious(false);
                setFollowing(null);
              }}
            >
              Current attempt
            </button>
            <button
              type="button"
              aria-pressed={previous}
              onClick={() => {
                setPrevious(true);
                setFollowing(null);
              }}
            >
              Previous attempt
            </button>
            <button
              type="button"
              aria-pressed={following !== null}
              onClick={() => setFollowing(following === null ? [] : null)}
            >
              {following === null ? 'Follow' : 'Stop following'}
            </button>
          </div>
          <pre className="pods-log" aria-label="Container log">
            {following !== null
              ? following.join('\n') || 'Waiting for lines…'
              : logs
                ? (logs.reason ?? (logs.lines.join('\n') || '(no lines)'))
                : 'Loading…'}
          </pre>
        </>
      ) : (
        <p className="pods-muted">No container in the runtime for this pod.</p>
      )}
      {inspect ? (
        <details open>
          <summary>crictl {inspect.target === 'container' ? 'inspect' : 'inspectp'}</summary>
          <pre className="pods-log">{inspect.reason ?? inspect.raw}</pre>
        </details>
      ) : null}
    </aside>
  );
}
