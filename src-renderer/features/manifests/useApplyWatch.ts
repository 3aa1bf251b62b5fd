import { useCallback, useEffect, useRef, useState } from 'react';
import type { StreamArgs, StreamHandle } from '../../../src-main/contract';
import type {
  ApplyVerdict,
  ApplyWatchLogLine,
  ApplyWatchPhase,
  ApplyWatchStep,
} from '../../../src-main/contract/domain/manifest-watch';
import { useApi } from '../../api/ApiProvider';

export interface WatchPhaseView {
  phase: ApplyWatchPhase;
  podName: string;
  namespace: string;
  steps: ApplyWatchStep[];
  newUid: string | null;
  verdict: ApplyVerdict | null;
}

export interface ApplyWatchView {
  name: string;
  /** What the last watch was started with: a rollback is watched the same way. */
  args: StreamArgs<'manifests.watch'>;
  phases: WatchPhaseView[];
  lines: ApplyWatchLogLine[];
  notices: string[];
  rollback: { state: 'started' | 'done' | 'failed'; message: string } | null;
  running: boolean;
  error: string | null;
}

/** Keeps the kubelet's lines bounded: the watch view shows the recent story, not a log viewer. */
const MAX_LINES = 300;

/** Follows `manifests.watch` after a save (issue 5 point 5) into a view model. */
export function useApplyWatch() {
  const { client } = useApi();
  const [view, setView] = useState<ApplyWatchView | null>(null);
  const handle = useRef<StreamHandle | null>(null);

  const stop = useCallback(() => {
    handle.current?.close();
    handle.current = null;
    setView((v) => (v ? { ...v, running: false } : v));
  }, []);

  /**
   * Watches a save; `as: 'rollback'` watches a rollback the user asked for after a failed save:
   * its steps and verdict become the view's second phase, so the panel ends on the rollback's
   * own verdict instead of the failure it undid.
   */
  const start = useCallback(
    (args: StreamArgs<'manifests.watch'>, as: ApplyWatchPhase = 'apply') => {
      handle.current?.close();
      const fresh: ApplyWatchView = {
        name: args.name,
        args,
        phases: [],
        lines: [],
        notices: [],
        rollback: null,
        running: true,
        error: null,
      };
      setView((v) =>
        as === 'rollback' && v
          ? { ...v, args, running: true, error: null, phases: v.phases.filter((p) => p.phase === 'apply') }
          : fresh,
      );
      const update = (fn: (v: ApplyWatchView) => ApplyWatchView) => setView((v) => (v ? fn(v) : v));
      // The stream of a rollback watch calls its phase 'apply': it is this view's rollback phase.
      const phaseOf = (phase: ApplyWatchPhase): ApplyWatchPhase => (as === 'rollback' ? 'rollback' : phase);
      const phaseUpdate = (phase: ApplyWatchPhase, fn: (p: WatchPhaseView) => WatchPhaseView) =>
        update((v) => ({
          ...v,
          phases: v.phases.map((p) => (p.phase === phaseOf(phase) ? fn(p) : p)),
        }));
      handle.current = client.open('manifests.watch', args, {
        onEvent(event) {
          switch (event.type) {
            case 'started':
              update((v) => ({
                ...v,
                phases: [
                  ...v.phases,
                  {
                    phase: phaseOf(event.phase),
                    podName: event.podName,
                    namespace: event.namespace,
                    steps: [],
                    newUid: null,
                    verdict: null,
                  },
                ],
              }));
              break;
            case 'progress':
              phaseUpdate(event.phase, (p) => ({ ...p, steps: event.steps, newUid: event.newUid }));
              break;
            case 'log':
              update((v) => ({ ...v, lines: [...v.lines, ...event.lines].slice(-MAX_LINES) }));
              break;
            case 'notice':
              update((v) => ({ ...v, notices: [...v.notices, event.message].slice(-5) }));
              break;
            case 'verdict':
              phaseUpdate(event.phase, (p) => ({ ...p, verdict: event.verdict }));
              break;
            case 'rollback':
              update((v) => ({ ...v, rollback: { state: event.state, message: event.message } }));
              break;
          }
        },
        onEnd(error) {
          handle.current = null;
          update((v) => ({ ...v, running: false, error: error ? error.message : null }));
        },
      });
    },
    [client],
  );

  useEffect(() => () => handle.current?.close(), []);
  const clear = useCallback(() => {
    stop();
    setView(null);
  }, [stop]);
  return { view, start, stop, clear };
}
