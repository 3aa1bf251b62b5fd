/**
 * Handlers of the manifests operations (contract/ops/manifests.ts): the directory as the
 * kubelet sees it, the crash-safe save with its input checks, delete, history, restore and
 * rollback (docs/security.md "Writing a manifest", docs/kubelet.md §1, §7).
 */
import { ContractError } from '../../contract';
import type { NodeDiscovery } from '../../contract/domain/discovery';
import type { ManifestSaveResult } from '../../contract/domain/manifests';
import type { manifestsOperations, manifestsStreams } from '../../contract/ops/manifests';
import { applyWatchStream } from './apply-watch-stream';
import { manifestApplyStream } from './manifest-apply';
import { judgeManifestDirectory } from '../../inspect/manifest-directory';
import { checkManifest } from '../../inspect/manifest-rules';
import {
  deleteManifest,
  listManifestDirectory,
  manifestBackups,
  readBackup,
  readManifest,
  rollbackManifest,
  runSave,
} from '../../node/manifests/manifest-store';
import { backupRootOf, isBackupPath } from '../../node/manifests/script-helpers';
import type { NodeSession } from '../../node/session/node-session';
import type { CoreContext } from '../core-context';
import type { HandlersOf, StreamProvidersOf } from './handler-types';
import { modifiedEvents, rolledBackEvent, savedEvent } from '../../inspect/timeline/manifest-events';
import { timelineOf } from './timeline';

/** Contents the user opened, by sha256, so a conflict can show "original" (a small LRU). */
export class OpenedContents {
  private readonly map = new Map<string, string>();
  remember(sha256: string, content: string): void {
    this.map.delete(sha256);
    this.map.set(sha256, content);
    if (this.map.size > 64) this.map.delete(this.map.keys().next().value as string);
  }
  get(sha256: string | null): string | null {
    return sha256 ? (this.map.get(sha256) ?? null) : null;
  }
}

export function manifestDir(discovery: NodeDiscovery): string {
  if (!discovery.staticPodPath) {
    throw new ContractError({
      code: 'not-found',
      message: discovery.staticPodsDisabled
        ? 'Static pods are off on this node (empty staticPodPath).'
        : 'No static pod path was found on this node.',
    });
  }
  return discovery.staticPodPath.replace(/\/+$/, '');
}

export async function saveChecked(
  session: NodeSession,
  dir: string,
  input: { name: string; content: string; expectedSha256: string | null; confirmRisky?: boolean },
  opened: OpenedContents,
  nodeName: string,
): Promise<ManifestSaveResult> {
  const problems = checkManifest(input.content, nodeName, `${dir}/${input.name}`).problems;
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 && !input.confirmRisky) {
    return {
      status: 'refused',
      name: input.name,
      problems,
      message: `Not saved: ${errors[0]?.message ?? ''}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''} Save anyway only with explicit confirmation.`,
    };
  }
  const result = await runSave(session, {
    manifestDir: dir,
    name: input.name,
    content: Buffer.from(input.content, 'utf8'),
    expectedSha256: input.expectedSha256,
    backupRoot: backupRootOf(dir),
  });
  if (result.status === 'conflict') {
    return {
      status: 'conflict',
      name: input.name,
      mine: input.content,
      theirs: result.theirs,
      theirsSha256: result.theirsSha256,
      original: opened.get(input.expectedSha256),
      message: result.message,
    };
  }
  opened.remember(result.sha256, input.content);
  return {
    status: 'saved',
    name: input.name,
    path: `${dir}/${input.name}`,
    sha256: result.sha256,
    previousSha256: input.expectedSha256,
    backupPath: result.backupPath,
    owner: result.owner,
    group: result.group,
    mode: result.mode,
    renamedAfterNodeMs: result.renamedAfterNodeMs,
    created: input.expectedSha256 === null,
    problems,
  };
}

export function manifestsHandlers(
  context: CoreContext,
  opened = new OpenedContents(),
): HandlersOf<typeof manifestsOperations> {
  const target = async (id: string) => {
    const discovery = await context.discovery(id);
    return { session: context.session(id), discovery, dir: manifestDir(discovery) };
  };
  return {
    'manifests.list': async ({ id }) => {
      const discovery = await context.discovery(id);
      if (!discovery.staticPodPath) return judgeManifestDirectory(discovery, null);
      const listed = judgeManifestDirectory(
        discovery,
        await listManifestDirectory(context.session(id), discovery.staticPodPath),
      );
      timelineOf(context, id).add(modifiedEvents(listed.entries));
      return listed;
    },
    'manifests.read': async ({ id, name }) => {
      const { session, dir } = await target(id);
      const file = await readManifest(session, dir, name);
      if (!file.binary) opened.remember(file.sha256, file.content);
      return file;
    },
    'manifests.validate': async ({ name, content }) =>
      checkManifest(content, 'node', `/etc/kubernetes/manifests/${name ?? 'manifest.yaml'}`),
    'manifests.save': async (input) => {
      const { session, dir, discovery } = await target(input.id);
      const result = await saveChecked(session, dir, input, opened, discovery.nodeName);
      if (result.status === 'saved')
        timelineOf(context, input.id).add([savedEvent(result, 'save', Date.now())]);
      return result;
    },
    'manifests.delete': async ({ id, name, expectedSha256 }) => {
      const { session, dir } = await target(id);
      return deleteManifest(session, dir, name, expectedSha256);
    },
    'manifests.history': async ({ id, name }) => {
      const { session, dir } = await target(id);
      return { name, backupRoot: backupRootOf(dir), backups: await manifestBackups(session, dir, name) };
    },
    'manifests.readBackup': async ({ id, path }) => {
      const { session, dir } = await target(id);
      if (!isBackupPath(path, dir)) {
        throw new ContractError({
          code: 'invalid-argument',
          message: `${path} is not a backup: only files in ${backupRootOf(dir)}/kubelet-studio-backup-*/ can be read this way.`,
        });
      }
      return readBackup(session, path);
    },
    'manifests.restore': async ({ id, name, backupPath, expectedSha256 }) => {
      const { session, dir, discovery } = await target(id);
      if (!isBackupPath(backupPath, dir)) {
        throw new ContractError({
          code: 'invalid-argument',
          message: `${backupPath} is not a backup of this node's manifests.`,
        });
      }
      const backup = await readBackup(session, backupPath);
      // A backup was a file the kubelet ran: restoring it is never refused for its content.
      const result = await saveChecked(
        session,
        dir,
        { name, content: backup.content, expectedSha256, confirmRisky: true },
        opened,
        discovery.nodeName,
      );
      if (result.status === 'saved') timelineOf(context, id).add([savedEvent(result, 'restore', Date.now())]);
      return result;
    },
    'manifests.rollback': async ({ id, name, expectedSha256 }) => {
      const { session, dir } = await target(id);
      const result = await rollbackManifest(session, dir, name, expectedSha256 ?? null);
      if (result.status === 'rolled-back')
        timelineOf(context, id).add([rolledBackEvent(name, `${dir}/${name}`, Date.now())]);
      return result;
    },
  };
}

export function manifestsStreamProviders(
  context: CoreContext,
  opened = new OpenedContents(),
): StreamProvidersOf<typeof manifestsStreams> {
  // Apply and watch (apply-watch-stream.ts); its rollback is manifests.rollback.
  const rollback = manifestsHandlers(context, opened)['manifests.rollback'];
  const save = async (input: Parameters<typeof saveChecked>[2] & { id: string }) => {
    const discovery = await context.discovery(input.id);
    const dir = manifestDir(discovery);
    const result = await saveChecked(context.session(input.id), dir, input, opened, discovery.nodeName);
    if (result.status === 'saved')
      timelineOf(context, input.id).add([savedEvent(result, 'apply', Date.now())]);
    return { result, dir, nodeName: discovery.nodeName };
  };
  return {
    'manifests.apply': manifestApplyStream(context, save, rollback),
    'manifests.watch': applyWatchStream(context, rollback),
  };
}
