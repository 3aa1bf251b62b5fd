/**
 * Handler of the node timeline (contract/ops/timeline.ts). The other handlers feed it what they
 * already observe: each pods snapshot (pods.ts), each save, restore, apply and rollback and each
 * directory listing (manifests.ts), and the kubelet log the Logs pane follows (logs.ts). One
 * recorder a node, for the life of the core; each is bounded (inspect/timeline/timeline-recorder.ts).
 */
import type { timelineOperations } from '../../contract/ops/timeline';
import {
  bucketMsFor,
  logVolume,
  MAX_LOG_BUCKETS,
  type RowsNewestFirst,
} from '../../inspect/timeline/log-volume';
import { TimelineRecorder, type TimelineLogs } from '../../inspect/timeline/timeline-recorder';
import type { LogStore } from '../../logs/log-store';
import { severityLetter } from '../../logs/severity-sniff';
import type { CoreContext } from '../core-context';
import { followedLogOf } from './logs';
import type { HandlersOf } from './handler-types';

const recordersByContext = new WeakMap<CoreContext, Map<string, TimelineRecorder>>();

/** The node's recorder (made on first use). */
export function timelineOf(context: CoreContext, nodeId: string): TimelineRecorder {
  let recorders = recordersByContext.get(context);
  if (!recorders) {
    recorders = new Map();
    recordersByContext.set(context, recorders);
  }
  let recorder = recorders.get(nodeId);
  if (!recorder) {
    recorder = new TimelineRecorder();
    recorders.set(nodeId, recorder);
  }
  return recorder;
}

/** The store's rows newest first, gap markers skipped (they are not kubelet lines). */
export function newestFirst(store: LogStore): RowsNewestFirst {
  return (visit) => {
    for (let seq = store.endSeq - 1; seq >= store.firstSeq; seq--) {
      if (store.isGap(seq)) continue;
      if (!visit(store.timeMs(seq), severityLetter(store.severity(seq)))) return;
    }
  };
}

function logsOf(context: CoreContext, nodeId: string, fromMs: number, toMs: number): TimelineLogs {
  const bucketMs = bucketMsFor(toMs - fromMs, MAX_LOG_BUCKETS / 2);
  const log = followedLogOf(context, nodeId);
  if (!log)
    return { bucketMs, buckets: [], unavailable: "The kubelet's log is not being followed for this node." };
  return { bucketMs, buckets: logVolume(newestFirst(log.store), fromMs, toMs, bucketMs), unavailable: null };
}

export function timelineHandlers(context: CoreContext): HandlersOf<typeof timelineOperations> {
  return {
    'timeline.get': async ({ id, spanMs }) => {
      context.registry.get(id); // an unknown node fails with the registry's message
      const now = Date.now();
      return timelineOf(context, id).view(now, spanMs, logsOf(context, id, now - spanMs, now));
    },
  };
}
