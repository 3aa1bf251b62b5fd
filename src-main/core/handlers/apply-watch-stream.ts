/**
 * The `manifests.watch` stream: wires the apply-watch runner to a node's
 * session and discovery, and its rollback to the crash-safe `manifests.rollback` (a rename from
 * the backup, docs/security.md "Writing a manifest"). Closing the stream stops the polling.
 */
import path from 'node:path';
import { ContractError } from '../../contract';
import type { ApplyWatchEvent } from '../../contract/domain/manifest-watch';
import type { ManifestRollbackResult } from '../../contract/domain/manifests';
import type { StreamSink } from '../../contract/stream-sink';
import type { CoreContext } from '../core-context';
import { staticPodName } from '../../kubelet/static-pod';
import { nodeApplyWatchProbe } from '../../inspect/apply-watch-probe';
import { runApplyWatch, type ApplyWatchHandle } from '../../inspect/apply-watch-runner';
import { verdictEvent } from '../../inspect/timeline/manifest-events';
import { timelineOf } from './timeline';

export interface ApplyWatchArgs {
  id: string;
  name: string;
  podMetadataName: string;
  namespace: string;
  previousUid: string | null;
  savedAt: number;
  /** The node's clock right before the save's rename (ManifestSaveResult.renamedAfterNodeMs). */
  notBeforeNodeMs?: number | null;
  timeoutSeconds: number;
  rollbackOnFailure: boolean;
  savedSha256: string | null;
  /** A pod of another name the file yielded before the save (a renamed pod). */
  replaced?: { podName: string; namespace: string; uid: string } | null;
}

export type RollbackManifest = (input: {
  id: string;
  name: string;
  expectedSha256?: string | null;
}) => Promise<ManifestRollbackResult>;

/**
 * Starts the watch of one save on a node; `emit` gets its events. Used by `manifests.watch` and by
 * the core's apply (src-main/core/handlers/manifest-apply.ts).
 */
export async function startApplyWatch(
  context: CoreContext,
  args: ApplyWatchArgs,
  rollback: RollbackManifest,
  emit: (event: ApplyWatchEvent) => void,
): Promise<ApplyWatchHandle> {
  const session = context.session(args.id);
  const discovery = await context.discovery(args.id);
  if (!discovery.staticPodPath) {
    throw new ContractError({
      code: 'not-found',
      message: `${session.name}: the kubelet reads no static pod path, so there is nothing to watch.`,
    });
  }
  const manifestPath = path.posix.join(discovery.staticPodPath, args.name);
  return runApplyWatch({
    probe: nodeApplyWatchProbe(session, discovery),
    podName: staticPodName(args.podMetadataName, discovery.nodeName),
    namespace: args.namespace,
    manifestPath,
    previousUid: args.previousUid,
    replaced: args.replaced ?? null,
    savedAt: args.savedAt,
    notBeforeNodeMs: args.notBeforeNodeMs ?? null,
    timeoutMs: args.timeoutSeconds * 1000,
    rollbackOnFailure: args.rollbackOnFailure,
    rollback: async () => {
      const result = await rollback({ id: args.id, name: args.name, expectedSha256: args.savedSha256 });
      if (result.status !== 'rolled-back')
        throw new ContractError({
          code: result.status === 'conflict' ? 'conflict' : 'not-found',
          message: result.message,
        });
      return `Restored ${args.name} from ${result.restoredFrom}${result.replacedKeptAt ? `; the failed version is kept at ${result.replacedKeptAt}` : ''}.`;
    },
    // Each verdict (after the save, after its rollback) is also a moment on the node's timeline.
    emit: (event) => {
      if (event.type === 'verdict')
        timelineOf(context, args.id).add([
          verdictEvent(args.name, manifestPath, event.phase, event.verdict, Date.now()),
        ]);
      emit(event);
    },
  });
}

export function applyWatchStream(context: CoreContext, rollback: RollbackManifest) {
  return (args: ApplyWatchArgs, sink: StreamSink<ApplyWatchEvent>): (() => void) => {
    let handle: ApplyWatchHandle | null = null;
    let stopped = false;
    void (async () => {
      const watch = await startApplyWatch(context, args, rollback, (event) => sink.push(event));
      handle = watch;
      if (stopped) watch.stop();
      await watch.done;
    })().then(
      () => sink.end(),
      (error: unknown) => sink.end(error),
    );
    return () => {
      stopped = true;
      handle?.stop();
    };
  };
}
