/**
 * `manifests.apply`: the one apply of every host (the editor's save and `kubelet-studio apply`).
 * Reads what the file yielded and which pods ran before the save, saves through the checked,
 * crash-safe save (docs/security.md "Writing a manifest"), then follows the kubelet to a verdict
 * with the optional rollback (src-main/inspect/apply-watch-runner.ts). What it watches is decided
 * in one place, src-main/inspect/apply-plan.ts.
 */
import type { ManifestApplyEvent } from '../../contract/domain/manifest-watch';
import type { ManifestSaveResult } from '../../contract/domain/manifests';
import type { JoinedPod } from '../../contract/domain/node-pods';
import { planApply, type ManifestPodRef } from '../../inspect/apply-plan';
import type { ApplyWatchHandle } from '../../inspect/apply-watch-runner';
import { startApplyWatch, type RollbackManifest } from './apply-watch-stream';
import { checkManifest } from '../../inspect/manifest-rules';
import { readManifest } from '../../node/manifests/manifest-store';
import { readPodsSnapshot } from '../../inspect/read-pods-snapshot';
import type { z } from 'zod';
import type { manifestsStreams } from '../../contract/ops/manifests';
import type { CoreContext } from '../core-context';
import type { StreamSink } from '../../contract/stream-sink';

export type ApplyArgs = z.output<(typeof manifestsStreams)['manifests.apply']['args']>;

/** The checked save of manifests.save, for one node. */
export type SaveManifest = (input: {
  id: string;
  name: string;
  content: string;
  expectedSha256: string | null;
  confirmRisky: boolean;
}) => Promise<{ result: ManifestSaveResult; dir: string; nodeName: string }>;

export function manifestApplyStream(context: CoreContext, save: SaveManifest, rollback: RollbackManifest) {
  return (args: ApplyArgs, sink: StreamSink<ManifestApplyEvent>): (() => void) => {
    let handle: ApplyWatchHandle | null = null;
    let stopped = false;
    void (async () => {
      const session = context.session(args.id);
      const discovery = await context.discovery(args.id);
      const podOf = (content: string, dir: string): ManifestPodRef | null =>
        checkManifest(content, discovery.nodeName, `${dir}/${args.name}`).pod;
      const dir = (discovery.staticPodPath ?? '').replace(/\/+$/, '');
      const pod = args.watch ? podOf(args.content, dir) : null;
      // Before the save: the pod the file yielded (a rename stops it) and the pods that ran.
      let previous: ManifestPodRef | null = null;
      let pods: JoinedPod[] | null = null;
      if (pod && discovery.staticPodPath) {
        [previous, pods] = await Promise.all([
          args.expectedSha256 === null
            ? null
            : readManifest(session, dir, args.name).then(
                (file) => (file.binary ? null : podOf(file.content, dir)),
                () => null,
              ),
          readPodsSnapshot(session, discovery).then(
            (snapshot) => snapshot.pods,
            () => null,
          ),
        ]);
      }
      const { result, nodeName } = await save({
        id: args.id,
        name: args.name,
        content: args.content,
        expectedSha256: args.expectedSha256,
        confirmRisky: args.confirmRisky,
      });
      const savedAt = Date.now();
      if (result.status !== 'saved' || !args.watch || !pod) {
        sink.push({
          type: 'saved',
          result,
          watching: null,
          notWatchedBecause:
            result.status !== 'saved'
              ? 'The file was not saved.'
              : !args.watch
                ? null
                : 'The saved file names no pod, so there is nothing to watch.',
        });
        return;
      }
      const plan = planApply({ pod, previous, nodeName, pods });
      sink.push({
        type: 'saved',
        result,
        watching: {
          podMetadataName: pod.metadataName,
          namespace: plan.namespace,
          previousUid: plan.previousUid,
          savedAt,
          savedSha256: result.sha256,
        },
        notWatchedBecause: null,
      });
      if (stopped) return;
      const watch = await startApplyWatch(
        context,
        {
          id: args.id,
          name: args.name,
          podMetadataName: pod.metadataName,
          namespace: plan.namespace,
          previousUid: plan.previousUid,
          replaced: plan.replaced,
          savedAt,
          notBeforeNodeMs: result.renamedAfterNodeMs ?? null,
          timeoutSeconds: args.timeoutSeconds,
          rollbackOnFailure: args.rollbackOnFailure,
          savedSha256: result.sha256,
        },
        rollback,
        (event) => sink.push(event),
      );
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
