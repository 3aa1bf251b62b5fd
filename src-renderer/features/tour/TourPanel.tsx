import { useEffect, useRef, useState } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import { useApi } from '../../api/ApiProvider';
import { TOUR_STEPS, type TourMemory } from './tour-steps';
import './tour.css';

/**
 * A short guided tour of the classic static-pod experiments on the Sandbox node. Each step
 * can be done by hand (editor, terminal) or with "Do it"; the panel watches the node and
 * ticks a step off when the kubelet has done its part.
 */
export function TourPanel({ node, onClose }: { node: NodeSummary; onClose(): void }) {
  const { client } = useApi();
  const [index, setIndex] = useState(0);
  const [done, setDone] = useState<boolean[]>(() => TOUR_STEPS.map(() => false));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const memory = useRef<TourMemory>({});
  const step = TOUR_STEPS[index];

  useEffect(() => {
    if (!step || done[index]) return;
    let stopped = false;
    const poll = async () => {
      try {
        const snapshot = await client.call('pods.snapshot', { id: node.id });
        if (!stopped && step.done(snapshot, memory.current))
          setDone((d) => d.map((v, i) => (i === index ? true : v)));
      } catch {
        // the node may be reconnecting; try again on the next tick
      }
    };
    void poll();
    const timer = window.setInterval(poll, 2000);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [client, node.id, step, index, done]);

  if (!step) return null;
  const doIt = async () => {
    setBusy(true);
    setError(null);
    try {
      await step.act(client, node.id);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <aside className="tour" aria-label="Static pod tour">
      <header>
        <h2>
          Tour {index + 1}/{TOUR_STEPS.length}: {step.title}
        </h2>
        <button type="button" className="secondary" onClick={onClose} aria-label="Close the tour">
          ×
        </button>
      </header>
      <p>{step.explain}</p>
      <p className="tour-look">
        <strong>Look at:</strong> {step.look}
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="tour-actions">
        <span className={done[index] ? 'tour-status tour-done' : 'tour-status'} role="status">
          {done[index] ? '✓ The kubelet has done it' : 'Waiting for the kubelet…'}
        </span>
        <button
          type="button"
          className="secondary"
          disabled={index === 0}
          onClick={() => setIndex(index - 1)}
        >
          Back
        </button>
        <button type="button" disabled={busy || done[index]} onClick={() => void doIt()}>
          Do it
        </button>
        <button type="button" disabled={index === TOUR_STEPS.length - 1} onClick={() => setIndex(index + 1)}>
          Next
        </button>
      </div>
    </aside>
  );
}
