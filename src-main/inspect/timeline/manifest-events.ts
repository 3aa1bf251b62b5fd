/**
 * Manifest events: the app's own writes (it knows who saved and when) and file mtimes from the
 * directory listing, where all that is known is that the file was modified then, by whoever.
 */
import type { NodeTimelineEvent } from '../../contract/domain/node-timeline';
import type { ManifestEntry, ManifestSaveResult } from '../../contract/domain/manifests';
import type { ApplyVerdict, ApplyWatchPhase } from '../../contract/domain/manifest-watch';

type Saved = Extract<ManifestSaveResult, { status: 'saved' }>;

/**
 * A save, restore or apply by this app. Its time is the node's clock right before the rename
 * (`renamedAfterNodeMs`) when the node said it, else when the app finished the write.
 */
export function savedEvent(
  result: Saved,
  how: 'save' | 'restore' | 'apply',
  appNowMs: number,
): NodeTimelineEvent {
  const nodeMs = result.renamedAfterNodeMs ?? null;
  return {
    id: `save:${result.path}:${result.sha256}:${nodeMs ?? appNowMs}`,
    atMs: nodeMs ?? appNowMs,
    timeFrom: nodeMs !== null ? 'node-clock' : 'app-clock',
    kind: 'manifest-saved',
    title: `${result.name} ${result.created ? 'created' : 'saved'} by this app (${how})`,
    detail: `sha256 ${result.sha256.slice(0, 12)}${result.previousSha256 ? ` (was ${result.previousSha256.slice(0, 12)})` : ''}`,
    source: `${how} by this app`,
    pod: null,
    manifestPath: result.path,
  };
}

/** `manifests.rollback` put the newest backup back (only the app's clock is known for it). */
export function rolledBackEvent(name: string, path: string, appNowMs: number): NodeTimelineEvent {
  return {
    id: `rollback:${path}:${appNowMs}`,
    atMs: appNowMs,
    timeFrom: 'app-clock',
    kind: 'manifest-rolled-back',
    title: `${name} rolled back by this app`,
    detail: 'the newest backup was put back',
    source: 'rollback by this app',
    pod: null,
    manifestPath: path,
  };
}

/**
 * The verdict of the watch after a save (or after its rollback), when the watch reached it
 * (app clock): what the kubelet made of the file, as the watch panel shows it.
 */
export function verdictEvent(
  name: string,
  path: string,
  phase: ApplyWatchPhase,
  verdict: ApplyVerdict,
  appNowMs: number,
): NodeTimelineEvent {
  return {
    id: `verdict:${path}:${phase}:${appNowMs}`,
    atMs: appNowMs,
    timeFrom: 'app-clock',
    kind: 'apply-verdict',
    title: `${name}: ${phase === 'rollback' ? 'rollback' : 'apply'} ${verdict.kind}`,
    detail: verdict.summary,
    source: 'watch after the save (kubelet journal, crictl, kubectl)',
    pod: null,
    manifestPath: path,
  };
}

/** One event per regular file at its mtime: "modified", never "saved by X" (the listing cannot say who). */
export function modifiedEvents(entries: ManifestEntry[]): NodeTimelineEvent[] {
  return entries
    .filter((e) => e.type === 'file' && Number.isFinite(e.mtime) && e.mtime > 0)
    .map((e) => ({
      id: `mtime:${e.path}:${e.mtime}`,
      atMs: e.mtime,
      timeFrom: 'file-mtime' as const,
      kind: 'manifest-modified' as const,
      title: `${e.name} modified`,
      detail: `mtime of ${e.path}${e.sha256 ? `, sha256 ${e.sha256.slice(0, 12)}` : ''}`,
      source: 'directory listing (file mtime)',
      pod: null,
      manifestPath: e.path,
    }));
}
