/**
 * Handlers of the logs operations (contract/ops/logs.ts): a `logs.follow` stream owns a
 * LogSession (src-main/logs/), whose rows the viewer, the CLI and export read by range.
 */
import type { logsOperations, logsStreams } from '../../contract/ops/logs';
import type { LogFollowStatus } from '../../contract/domain/logs';
import { exportText, findSeverity, levelCounts, rowsOf } from '../../logs/log-rows';
import type { LogSession } from '../../logs/log-session';
import { LogSessions } from '../../logs/log-sessions';
import { logTargetOf } from '../../logs/log-target';
import type { CoreContext } from '../core-context';
import type { HandlersOf, StreamProvidersOf } from './handler-types';

/** Status notifications at most this often: the viewer redraws from them. */
const STATUS_INTERVAL_MS = 100;

const sessionsByContext = new WeakMap<CoreContext, LogSessions>();
/** The newest follow session opened for each node, for the timeline's log volume. */
const followedByContext = new WeakMap<CoreContext, Map<string, string>>();

/** The newest kubelet log followed for the node and still held, or null. */
export function followedLogOf(context: CoreContext, nodeId: string): LogSession | null {
  const id = followedByContext.get(context)?.get(nodeId);
  if (!id) return null;
  try {
    return sessionsOf(context).get(id);
  } catch {
    return null; // ended and freed
  }
}

function noteFollowed(context: CoreContext, nodeId: string, sessionId: string): void {
  let followed = followedByContext.get(context);
  if (!followed) {
    followed = new Map();
    followedByContext.set(context, followed);
  }
  followed.set(nodeId, sessionId);
}

function sessionsOf(context: CoreContext): LogSessions {
  let sessions = sessionsByContext.get(context);
  if (!sessions) {
    sessions = new LogSessions();
    sessionsByContext.set(context, sessions);
  }
  return sessions;
}

export function logsHandlers(context: CoreContext): HandlersOf<typeof logsOperations> {
  const sessions = sessionsOf(context);
  return {
    // A regex filter is judged off the core's thread (src-main/logs/regex-worker.ts): wait for
    // its view to catch up, then read it as it stands.
    'logs.rows': async ({ session, filter, start, count }) => {
      const log = sessions.get(session);
      const view = log.views.get(filter);
      await view.catchUp();
      const stopped = view.stoppedReason;
      const rows = rowsOf(log.store, view, start, count);
      // The counts ignore the severities chosen (each level says what choosing it would show).
      const { severities: _severities, foldRepeats: _fold, ...rest } = filter ?? {};
      const levels = log.views.get(rest);
      await levels.catchUp();
      return {
        total: view.length,
        rows,
        counts: levelCounts(levels),
        ...(stopped ? { filterStopped: stopped } : {}),
      };
    },
    'logs.find': async ({ session, filter, from, direction, severity }) => {
      const log = sessions.get(session);
      const view = log.views.get(filter);
      await view.catchUp();
      return { index: findSeverity(log.store, view, from, direction, severity) };
    },
    'logs.export': async ({ session, filter, start, count }) => {
      const log = sessions.get(session);
      const view = log.views.get(filter);
      await view.catchUp();
      return { ...exportText(log.store, view, start, count), total: view.length };
    },
  };
}

export function logsStreamProviders(context: CoreContext): StreamProvidersOf<typeof logsStreams> {
  const sessions = sessionsOf(context);
  return {
    'logs.follow': ({ id, history, follow, capacity, since }, sink) => {
      context.session(id); // Not connected: fail the open now, with the registry's message.
      // Where the set-up keeps the kubelet's log (discovery, once per session): k3s's unit, RKE2's file.
      const log = sessions.open(
        () => context.session(id),
        capacity,
        { history, follow, since },
        () => context.discovery(id).then(logTargetOf),
      );
      noteFollowed(context, id, log.id);
      let timer: NodeJS.Timeout | null = null;
      let last: LogFollowStatus | null = null;
      const flush = () => {
        timer = null;
        if (sink.paused) return; // onResume pushes the latest.
        const status = log.status();
        if (last && JSON.stringify(last) === JSON.stringify(status)) return;
        last = status;
        sink.push(status);
      };
      const unsubscribe = log.onChange(() => {
        timer ??= setTimeout(flush, STATUS_INTERVAL_MS);
      });
      sink.onResume(flush);
      flush();
      void log.done.then(() => {
        flush();
        if (!follow) {
          sink.end();
          sessions.close(log.id);
        }
      });
      return () => {
        unsubscribe();
        if (timer) clearTimeout(timer);
        sessions.close(log.id);
      };
    },
  };
}
