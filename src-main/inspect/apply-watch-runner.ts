/**
 * Runs "apply and watch" (issue 5 point 5): polls the node after a save until a verdict or the
 * timeout, streams progress and the kubelet's lines about the pod, and — with "roll back on
 * failure" on — restores the backup and watches the old manifest come back, as kubeadm's
 * upgrade does when the new static pod does not come up (docs/kubelet.md §7 step 7).
 */
import type { ApplyVerdict, ApplyWatchEvent, ApplyWatchPhase } from '../contract/domain/manifest-watch';
import { ApplyWatchTracker, type SnapshotOutcome } from './apply-watch';
import { matchPodLines, rejectionText, type MatchedLine } from './apply-watch-journal';
import type { ApplyWatchProbe } from './apply-watch-probe';

export interface ApplyWatchOptions {
  probe: ApplyWatchProbe;
  /** `<metadata.name>-<node name>` and the namespace (docs/kubelet.md §1.4). */
  podName: string;
  namespace: string;
  manifestPath: string;
  /** The pod's static UID before the save; null for a new file. */
  previousUid: string | null;
  /** A pod of another name the save replaces (a renamed pod), or the removed file's pod. */
  replaced?: { podName: string; namespace: string; uid: string } | null;
  /** The file was removed: watch the pod go. */
  removal?: boolean;
  /** When the save happened (ms, this process's clock): the journal is read from then on. */
  savedAt: number;
  timeoutMs: number;
  pollMs?: number;
  rollbackOnFailure: boolean;
  /** Restores the backup (by rename); resolves to a sentence saying what it did. */
  rollback: (() => Promise<string>) | null;
  emit(event: ApplyWatchEvent): void;
  now?: () => number;
}

export interface ApplyWatchHandle {
  stop(): void;
  /** The verdict of the apply phase (after a rollback, the rollback phase's verdict follows as an event). */
  done: Promise<ApplyVerdict | null>;
}

const CONTAINER_LOG_LINES = 20;

export function runApplyWatch(options: ApplyWatchOptions): ApplyWatchHandle {
  let stopped = false;
  // Shared by both phases: the rollback phase must not re-read the apply phase's lines.
  let cursor: string | null = null;
  let wake: (() => void) | null = null;
  const now = options.now ?? Date.now;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function watchPhase(
    phase: ApplyWatchPhase,
    previousUid: string | null,
    startedAt: number,
  ): Promise<{ verdict: ApplyVerdict; newUid: string | null } | null> {
    const tracker = new ApplyWatchTracker({
      podName: options.podName,
      namespace: options.namespace,
      previousUid,
      replaced: phase === 'apply' ? (options.replaced ?? null) : null,
      removal: phase === 'apply' && options.removal === true,
    });
    options.emit({
      type: 'started',
      phase,
      podName: options.podName,
      namespace: options.namespace,
      previousUid,
      timeoutSeconds: Math.round(options.timeoutMs / 1000),
    });
    const uids = new Set<string>(previousUid ? [previousUid] : []);
    if (phase === 'apply' && options.replaced) uids.add(options.replaced.uid);
    const podRef = `${options.namespace}/${options.podName}`;
    let newUid: string | null = null;
    let lastProgress = '';
    let lastNotice = '';
    const notice = (message: string) => {
      if (message !== lastNotice) options.emit({ type: 'notice', message });
      lastNotice = message;
    };
    const progress = (steps = tracker.list()) => {
      const key = JSON.stringify([steps, newUid]);
      if (key !== lastProgress)
        options.emit({ type: 'progress', phase, steps, newUid, elapsedMs: now() - startedAt });
      lastProgress = key;
    };
    const finish = (verdict: ApplyVerdict, detail: string) => {
      if (verdict.kind !== 'running') progress(tracker.failPending(detail, now() - startedAt));
      options.emit({ type: 'verdict', phase, verdict });
      return { verdict, newUid };
    };
    progress();

    while (!stopped) {
      const elapsed = now() - startedAt;
      let rejection: MatchedLine | undefined;
      try {
        const batch = await options.probe.journal(cursor, (now() - startedAt) / 1000 + 3);
        cursor = batch.cursor ?? cursor;
        const matched = matchPodLines(batch.records, { podRef, uids, manifestPath: options.manifestPath });
        if (matched.length > 0) options.emit({ type: 'log', lines: matched.map((m) => m.line) });
        rejection = matched.find((m) => m.rejection);
      } catch (error) {
        notice(`Could not read the kubelet's journal: ${messageOf(error)}`);
      }
      if (stopped) return null;
      if (rejection) {
        return finish(
          {
            kind: 'rejected',
            summary: 'The kubelet rejected the manifest file.',
            detail: rejectionText(rejection),
            evidence: [rejection.line.raw],
          },
          'the kubelet rejected the file',
        );
      }

      let outcome: SnapshotOutcome | null = null;
      try {
        const assessment = tracker.observe(await options.probe.snapshot(), elapsed);
        newUid = assessment.newUid ?? newUid;
        if (newUid) uids.add(newUid);
        outcome = assessment.outcome;
        progress(assessment.steps);
      } catch (error) {
        notice(`Could not read the node's pods: ${messageOf(error)}`);
      }
      if (stopped) return null;
      if (outcome?.kind === 'removed') {
        return finish(
          {
            kind: 'removed',
            summary: `${options.podName} is stopped and its mirror pod deleted.`,
            detail: `config hash ${outcome.uid}`,
            evidence: [],
          },
          '',
        );
      }
      if (outcome?.kind === 'running') {
        return finish(
          {
            kind: 'running',
            summary: `${options.podName} is running and ready.`,
            detail: `config hash ${outcome.uid}`,
            evidence: [],
          },
          '',
        );
      }
      if (outcome?.kind === 'crash-looping') {
        let evidence: string[] = [];
        try {
          evidence = await options.probe.containerLogs(outcome.container.id, CONTAINER_LOG_LINES);
        } catch (error) {
          evidence = [`(could not read the container's log: ${messageOf(error)})`];
        }
        const errorLine = [...evidence].reverse().find((l) => /error|fatal|fail|panic/i.test(l));
        return finish(
          {
            kind: 'crash-looping',
            summary: `${options.podName} is crash-looping: ${outcome.reason}.`,
            detail: errorLine ?? outcome.reason,
            evidence,
          },
          'a container keeps exiting',
        );
      }
      if (now() - startedAt >= options.timeoutMs) {
        const seconds = Math.round(options.timeoutMs / 1000);
        return newUid
          ? finish(
              {
                kind: 'timed-out',
                summary: `${options.podName} did not become ready within ${seconds} s.`,
                detail: lastNotice || null,
                evidence: [],
              },
              'timed out',
            )
          : finish(
              {
                kind: 'not-picked-up',
                summary: `The kubelet did not act on the file within ${seconds} s.`,
                // The hash is of the decoded pod: docs/kubelet.md §1.7.
                detail:
                  'No new config hash appeared. A change of comments or formatting only keeps the same hash; otherwise check that this is the static pod path the kubelet reads.',
                evidence: [],
              },
              'not picked up',
            );
      }
      await sleep(options.pollMs ?? 1_000);
    }
    return null;
  }

  const done = (async (): Promise<ApplyVerdict | null> => {
    const applied = await watchPhase('apply', options.previousUid, options.savedAt);
    const succeeded = applied?.verdict.kind === 'running' || applied?.verdict.kind === 'removed';
    if (!applied || succeeded || stopped) return applied?.verdict ?? null;
    if (!options.rollbackOnFailure || !options.rollback) return applied.verdict;
    options.emit({
      type: 'rollback',
      state: 'started',
      message: 'Restoring the backup of the manifest (roll back on failure).',
    });
    try {
      const message = await options.rollback();
      options.emit({ type: 'rollback', state: 'done', message });
    } catch (error) {
      options.emit({
        type: 'rollback',
        state: 'failed',
        message: `The rollback failed: ${messageOf(error)}`,
      });
      return applied.verdict;
    }
    if (!stopped) await watchPhase('rollback', applied.newUid, now());
    return applied.verdict;
  })();

  return {
    stop() {
      stopped = true;
      wake?.();
    },
    done,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
