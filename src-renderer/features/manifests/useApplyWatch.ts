import { useCallback, useEffect, useRef, useState } from 'react';
import type { StreamArgs, StreamHandle } from '../../../src-main/contract';
import type {
  ApplyVerdict,
  ApplyWatchEvent,
  ApplyWatchLogLine,
  ApplyWatchPhase,
  ApplyWatchStep,
  ManifestApplyEvent,
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

/** The save's outcome of an apply: the first event of `manifests.apply`. */
export type ApplySaved = Extract<ManifestApplyEvent, { type: 'saved' }>;

/**
 * The core's apply (`manifests.apply`: save, watch, verdict, optional rollback) and the watch of a
 * rollback the user asks for afterwards (`manifests.watch`), as one view model.
 */
export function useApplyWatch() {
  const { client } = useApi();
  const [view, setView] = useState<ApplyWatchView | null>(null);
  const handle = useRef<StreamHandle | null>(null);

  const stop = useCallback(() => {
    handle.current?.close();
    handle.current = null;
    setView((v) => (v ? { ...v, running: false } : v));
  }, []);

  /** Feeds one watch event into the view; `as: 'rollback'` makes it the view's rollback phase. */
  const onWatchEvent = useCallback((event: ApplyWatchEvent, as: ApplyWatchPhase) => {
    const update = (fn: (v: ApplyWatchView) => ApplyWatchView) => setView((v) => (v ? fn(v) : v));
    // The stream of a rollback watch calls its phase 'apply': it is this view's rollback phase.
    const phaseOf = (phase: ApplyWatchPhase): ApplyWatchPhase => (as === 'rollback' ? 'rollback' : phase);
    const phaseUpdate = (phase: ApplyWatchPhase, fn: (p: WatchPhaseView) => WatchPhaseView) =>
      update((v) => ({
        ...v,
        phases: v.phases.map((p) => (p.phase === phaseOf(phase) ? fn(p) : p)),
      }));
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
  }, []);

  const ended = useCallback((error: { message: string } | null | undefined) => {
    handle.current = null;
    setView((v) => (v ? { ...v, running: false, error: error ? error.message : null } : v));
  }, []);

  /**
   * Saves through the core's apply; resolves with the save's outcome as soon as it is known,
   * while the watch that follows (when asked for and the file was saved) fills the view.
   */
  const apply = useCallback(
    (args: StreamArgs<'manifests.apply'>): Promise<ApplySaved> =>
      new Promise((resolve, reject) => {
        let saved = false;
        let watching = false;
        const stream = client.open('manifests.apply', args, {
          onEvent(event) {
            if (event.type !== 'saved') {
              if (watching) onWatchEvent(event, 'apply');
              return;
            }
            saved = true;
            const target = event.watching;
            if (target) {
              watching = true;
              handle.current?.close();
              handle.current = stream;
              setView({
                name: args.name,
                args: {
                  id: args.id,
                  name: args.name,
                  podMetadataName: target.podMetadataName,
                  namespace: target.namespace,
                  previousUid: target.previousUid,
                  savedAt: target.savedAt,
                  rollbackOnFailure: args.rollbackOnFailure ?? false,
                  savedSha256: target.savedSha256,
                },
                phases: [],
                lines: [],
                notices: [],
                rollback: null,
                running: true,
                error: null,
              });
            }
            resolve(event);
          },
          onEnd(error) {
            if (!saved)
              reject(
                Object.assign(new Error(error?.message ?? 'The apply ended before the save.'), {
                  code: error?.code,
                }),
              );
            else if (watching && handle.current === stream) ended(error);
          },
        });
      }),
    [client, ended, onWatchEvent],
  );

  /** Watches a rollback the user asked for after a failed apply: the view's second phase. */
  const watchRollback = useCallback(
    (args: StreamArgs<'manifests.watch'>) => {
      handle.current?.close();
      setView((v) =>
        v
          ? { ...v, args, running: true, error: null, phases: v.phases.filter((p) => p.phase === 'apply') }
          : v,
      );
      const stream = client.open('manifests.watch', args, {
        onEvent: (event) => onWatchEvent(event, 'rollback'),
        onEnd(error) {
          if (handle.current === stream) ended(error);
        },
      });
      handle.current = stream;
    },
    [client, ended, onWatchEvent],
  );

  useEffect(() => () => handle.current?.close(), []);
  const clear = useCallback(() => {
    stop();
    setView(null);
  }, [stop]);
  return { view, apply, watchRollback, stop, clear };
}
