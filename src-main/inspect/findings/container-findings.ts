/**
 * Crash-looping containers (issue 6 point 2): the restart count is the CRI container's attempt
 * (docs/kubelet.md §3.1), the kubelet keeps the last dead instance beside the new one (§3.1), and
 * the mirror's status may say CrashLoopBackOff (§4.1). The last exit code, reason and log lines
 * come from one extra round trip for these containers only (crash-details-command.ts).
 *
 * A crash-looping container is briefly Running between crashes; the finding stays while the
 * kubelet itself still holds the back-off: until the container has run for 10 minutes (twice the
 * 5-minute maximum back-off, client-go util/flowcontrol/backoff.go `hasExpired`; KEP-4603 "Tune
 * CrashLoopBackoff"). Without this the finding would blink out at every restart.
 */
import type { CriContainer } from '../../contract/domain/cri';
import type { Finding, JoinedPod } from '../../contract/domain/node-pods';
import { finding, podRef, type FindingRule } from './finding-input';

export interface CrashLoop {
  pod: JoinedPod;
  name: string;
  /** The newest instance (its attempt = the restart count). */
  current: CriContainer;
  /** The newest exited instance: whose logs and exit code explain the crash. */
  lastExited: CriContainer;
  /** The mirror says CrashLoopBackOff (or the kubelet's back-off reason). */
  apiReason: string | null;
  /** Running again (between crashes) for this long, ms; null when not running. */
  runningForMs: number | null;
}

/** The kubelet forgets a container's back-off once it has run this long (see above). */
export const BACKOFF_RESET_MS = 10 * 60 * 1000;

/** Containers that keep failing: newest not running and restarted before, or the API says so. */
export function crashLoops(pods: JoinedPod[], nowMs = Date.now()): CrashLoop[] {
  const loops: CrashLoop[] = [];
  for (const pod of pods) {
    const sandboxId = pod.sandboxes[0]?.id;
    const names = new Set(
      pod.containers.filter((c) => !sandboxId || c.podSandboxId === sandboxId).map((c) => c.name),
    );
    for (const name of names) {
      const instances = pod.containers.filter(
        (c) => c.name === name && (!sandboxId || c.podSandboxId === sandboxId),
      );
      const current = instances[0];
      const lastExited = instances.find((c) => c.state === 'exited');
      if (!current || !lastExited) continue;
      const status = pod.apiPod?.containerStatuses.find((s) => s.name === name);
      const waiting = status?.state.state === 'waiting' ? status.state.reason : null;
      const apiSaysLoop = waiting === 'CrashLoopBackOff';
      const restarted = Math.max(current.attempt, status?.restartCount ?? 0) >= 1;
      const runningForMs =
        current.state === 'running' && current.createdAtMs !== null
          ? Math.max(0, nowMs - current.createdAtMs)
          : null;
      // Running again: still in the kubelet's back-off (a loop) until it has run 10 minutes.
      const stillBackingOff = runningForMs !== null && runningForMs < BACKOFF_RESET_MS;
      if (current.state === 'running' && !apiSaysLoop && !(restarted && stillBackingOff)) continue;
      if (!restarted && !apiSaysLoop) continue;
      loops.push({ pod, name, current, lastExited, apiReason: waiting, runningForMs });
    }
  }
  return loops;
}

export const crashLoopFindings: FindingRule = ({ pods, crashes, nowMs }) => {
  const out: Finding[] = [];
  for (const loop of crashLoops(pods, nowMs)) {
    const details = crashes[loop.lastExited.id];
    const restarts = Math.max(
      loop.current.attempt,
      loop.pod.apiPod?.containerStatuses.find((s) => s.name === loop.name)?.restartCount ?? 0,
    );
    const exit = details
      ? `last exit code ${details.exitCode ?? '?'}${details.reason ? ` (${details.reason})` : ''}${details.finishedAt ? ` at ${details.finishedAt}` : ''}`
      : 'last exit not read';
    const evidence = [
      `crictl: container ${loop.name} attempt ${loop.current.attempt}, ${loop.current.state}; restarts ${restarts}; ${exit}`,
      ...(loop.apiReason ? [`kubectl: ${loop.name} waiting: ${loop.apiReason}`] : []),
      ...(details && details.lastLines.length > 0
        ? [`last log lines of ${loop.lastExited.id.slice(0, 13)}:`, ...details.lastLines]
        : []),
    ];
    out.push(
      finding({
        kind: 'crash-loop',
        severity: 'error',
        title: `${loop.name} in ${loop.pod.name} is crash-looping`,
        explanation: `The container keeps exiting and the kubelet keeps restarting it, waiting longer each time (10 s doubling up to 5 min). It has restarted ${restarts} time${restarts === 1 ? '' : 's'}.${
          loop.runningForMs !== null
            ? ` It is running again since ${Math.round(loop.runningForMs / 1000)} s; the kubelet counts it as recovered only after 10 minutes of running.`
            : ''
        }`,
        evidence,
        nextStep:
          loop.pod.origin === 'static'
            ? `Read its last log lines (above) for the cause; fix the command or flags in ${loop.pod.manifestPaths.at(-1) ?? 'its manifest'}.`
            : `Read its last log lines (above); fix the pod's spec through whatever created ${podRef(loop.pod)}.`,
        podUid: loop.pod.uid,
        manifestPath: loop.pod.manifestPaths.at(-1) ?? null,
      }),
    );
  }
  return out;
};
