/** Hand-built simulated node states for the command tests (no dependency on the engine). */

// Inspect times, journal short formats and logrus times use the local zone, as the real tools do;
// pin it so expectations are stable.
process.env.TZ = 'UTC';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiPod, SimContainer, SimNodeState, SimSandbox } from '../../../../src-main/sandbox/model';
import { simPaths } from '../../../../src-main/sandbox/paths';
import { captureIO, type CapturedIO } from '../../../../src-main/sandbox/commands/io';

/** 2024-05-30T02:00:00Z, the tests' "now". */
export const NOW = Date.UTC(2024, 4, 30, 2, 0, 0);
export const MIN = 60_000;

/** Nanosecond string for `ms` milliseconds before NOW (plus some sub-ms digits). */
export const agoNs = (ms: number, extraNs = 123_456): string =>
  (BigInt(NOW - ms) * 1_000_000n + BigInt(extraNs)).toString();

/** A 64-hex ID starting with `prefix`. */
export const hexId = (prefix: string): string => (prefix + 'a'.repeat(64)).slice(0, 64);

export function sandbox(p: Partial<SimSandbox> & { id: string; name: string }): SimSandbox {
  const namespace = p.namespace ?? 'kube-system';
  const uid = p.uid ?? '23ace3c8b1dea5b6d6b30e6bcbb810a7';
  return {
    namespace,
    uid,
    attempt: 0,
    state: 'SANDBOX_READY',
    createdAtNs: agoNs(10 * MIN),
    labels: {
      'io.kubernetes.pod.name': p.name,
      'io.kubernetes.pod.namespace': namespace,
      'io.kubernetes.pod.uid': uid,
    },
    annotations: {
      'kubernetes.io/config.hash': uid,
      'kubernetes.io/config.seen': '2024-05-30T01:23:32.875874677Z',
      'kubernetes.io/config.source': 'file',
    },
    runtimeHandler: '',
    hostNetwork: true,
    ip: '192.2.239.6',
    ...p,
  };
}

export function container(
  p: Partial<SimContainer> & { id: string; name: string; sb: SimSandbox },
): SimContainer {
  const { sb, ...rest } = p;
  const attempt = p.attempt ?? 0;
  return {
    podSandboxId: sb.id,
    attempt,
    imageSpec: `registry.k8s.io/${p.name}:v1.29.0`,
    imageId: 'sha256:' + hexId('334e4a014c81b'),
    imageRef: `registry.k8s.io/${p.name}@sha256:5df310234e4f9463b15d166778d697830a51c0037ff28a1759daaad2d3cde991`,
    state: 'CONTAINER_RUNNING',
    createdAtNs: agoNs(10 * MIN),
    startedAtNs: agoNs(10 * MIN - 1000),
    finishedAtNs: '0',
    exitCode: 0,
    reason: '',
    message: '',
    labels: {
      'io.kubernetes.container.name': p.name,
      'io.kubernetes.pod.name': sb.name,
      'io.kubernetes.pod.namespace': sb.namespace,
      'io.kubernetes.pod.uid': sb.uid,
    },
    annotations: {
      'io.kubernetes.container.hash': 'cfada9cb',
      'io.kubernetes.container.restartCount': String(attempt),
      'io.kubernetes.container.terminationMessagePath': '/dev/termination-log',
      'io.kubernetes.container.terminationMessagePolicy': 'File',
      'io.kubernetes.pod.terminationGracePeriod': '30',
    },
    logPath: `/var/log/pods/${sb.namespace}_${sb.name}_${sb.uid}/${p.name}/${attempt}.log`,
    command: [p.name],
    ...rest,
  };
}

export function nodeState(p: Partial<SimNodeState> = {}): SimNodeState {
  return {
    nodeName: 'controlplane',
    role: 'control-plane',
    nodeIp: '192.2.239.6',
    apiServerUp: true,
    nodeUid: '7d820f6b-95c3-43cc-a023-388ab286daf0',
    sandboxes: [],
    containers: [],
    apiPods: [] as ApiPod[],
    writtenAtNs: agoNs(0),
    ...p,
  };
}

/** A fresh sim root with the state published in it. */
export function simRoot(state?: SimNodeState): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubelet-sim-cmd-'));
  if (state) writeState(root, state);
  return root;
}

export function writeState(root: string, state: SimNodeState): void {
  const file = simPaths(root).stateFile;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file + '.tmp', JSON.stringify(state));
  fs.renameSync(file + '.tmp', file);
}

/** Writes a node file (e.g. a container log) below the sim root. */
export function writeNodeFile(root: string, nodePath: string, content: string): string {
  const file = path.join(root, nodePath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

export type Runner = (argv: string[], io: CapturedIO) => Promise<number>;

export async function run(
  cmd: Runner,
  argv: string[],
  root: string,
  opts: { env?: Record<string, string>; signal?: AbortSignal; stdin?: string; now?: number } = {},
): Promise<{ code: number; out: string; err: string; io: CapturedIO }> {
  const io = captureIO({
    now: opts.now ?? NOW,
    env: { KUBELET_SIM_ROOT: root, ...opts.env },
    signal: opts.signal,
    stdin: opts.stdin,
  });
  const code = await cmd(argv, io);
  return { code, out: io.out(), err: io.err(), io };
}
