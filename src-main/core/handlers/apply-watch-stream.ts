/**
 * The `manifests.watch` stream (issue 5 point 5): wires the apply-watch runner to a node's
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
import { runApplyWatch } from '../../inspect/apply-watch-runner';

export interface ApplyWatchArgs {
  id: string;
  name: string;
  podMetadataName: string;
  namespace: string;
  previousUid: string | null;
  savedAt: number;
  timeoutSeconds: number;
  rollbackOnFailure: boolean;
  savedSha256: string | null;
}

export type RollbackManifest = (input: {
  id: string;
  name: string;
  expectedSha256?: string | null;
}) => Promise<ManifestRollbackResult>;

export function applyWatchStream(context: CoreContext, rollback: RollbackManifest) {
  return (args: ApplyWatchArgs, sink: StreamSink<ApplyWatchEvent>): (() => void) => {
    let handle: { stop(): void } | null = null;
    let stopped = false;
    void (async () => {
      const session = context.session(args.id);
      const discovery = await context.discovery(args.id);
      if (!discovery.staticPodPath) {
        throw new ContractError({
          code: 'not-found',
          message: `${session.name}: the kubelet reads no static pod path, so there is nothing to watch.`,
        });
      }
      if (stopped) return;
      const watch = runApplyWatch({
        probe: nodeApplyWatchProbe(session, discovery),
        podName: staticPodName(args.podMetadataName, discovery.nodeName),
        namespace: args.namespace,
        manifestPath: path.posix.join(discovery.staticPodPath, args.name),
        previousUid: args.previousUid,
        savedAt: args.savedAt,
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
        emit: (event) => sink.push(event),
      });
      handle = watch;
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
