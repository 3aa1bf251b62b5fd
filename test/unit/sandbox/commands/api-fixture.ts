/** API pods for the kubectl tests, and a stand-in for the kubelet daemon's socket (rpc.ts). */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import type { ApiPod, SimNodeState } from '../../../../src-main/sandbox/model';
import { simPaths } from '../../../../src-main/sandbox/paths';
import type { SimRpcRequest } from '../../../../src-main/sandbox/rpc';
import { NOW, writeState } from './sim-fixture';
import { readReal } from './fixtures';

const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface PodSpec {
  ns: string;
  name: string;
  ageMs: number;
  phase?: string;
  containers: Array<{
    ready: boolean;
    restarts?: number;
    lastFinishedAgoMs?: number;
    waiting?: string;
    terminated?: { reason?: string; exitCode: number };
  }>;
  ip?: string;
  node?: string;
  deleting?: boolean;
}

export function apiPod(p: PodSpec): ApiPod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.ns,
      uid: `uid-${p.ns}-${p.name}`,
      resourceVersion: '1287',
      creationTimestamp: iso(p.ageMs),
      ...(p.deleting ? { deletionTimestamp: iso(0) } : {}),
      labels: { app: p.name.split('-')[0] },
    },
    spec: { nodeName: p.node, containers: p.containers.map((_, i) => ({ name: `c${i}`, image: 'busybox' })) },
    status: {
      phase: p.phase ?? 'Running',
      ...(p.ip ? { podIP: p.ip, podIPs: [{ ip: p.ip }] } : {}),
      containerStatuses: p.containers.map((c, i) => ({
        name: `c${i}`,
        ready: c.ready,
        restartCount: c.restarts ?? 0,
        state: c.waiting
          ? { waiting: { reason: c.waiting } }
          : c.terminated
            ? { terminated: c.terminated }
            : { running: { startedAt: iso(p.ageMs) } },
        lastState:
          c.lastFinishedAgoMs !== undefined
            ? { terminated: { exitCode: 1, reason: 'Error', finishedAt: iso(c.lastFinishedAgoMs) } }
            : {},
      })),
    },
  };
}

/** The real mirror pod object of ../fixtures/real/kubectl-mirror-pod-kube-scheduler-v1.29.yaml. */
export function realMirrorPod(): ApiPod {
  return parse(readReal('kubectl-mirror-pod-kube-scheduler-v1.29.yaml')) as ApiPod;
}

/** A fake kubelet daemon answering rpc.ts on the sim root's socket, mutating `state`. */
export async function fakeDaemon(
  root: string,
  state: SimNodeState,
): Promise<{ requests: SimRpcRequest[]; close: () => Promise<void> }> {
  const requests: SimRpcRequest[] = [];
  const sock = simPaths(root).socketPath;
  fs.mkdirSync(path.dirname(sock), { recursive: true });
  const server = net.createServer((conn) => {
    let buf = '';
    conn.setEncoding('utf8');
    conn.on('data', (d: string) => {
      buf += d;
      if (!buf.includes('\n')) return;
      const req = JSON.parse(buf.slice(0, buf.indexOf('\n'))) as SimRpcRequest;
      requests.push(req);
      let reply: unknown;
      if (req.method === 'pods.delete') {
        const { namespace, name } = req.params as { namespace: string; name: string };
        const i = state.apiPods.findIndex(
          (p) => p.metadata.namespace === namespace && p.metadata.name === name,
        );
        if (i < 0) reply = { ok: false, error: `pods "${name}" not found` };
        else {
          state.apiPods.splice(i, 1);
          writeState(root, state);
          reply = { ok: true, result: { deleted: true } };
        }
      } else if (req.method === 'pods.apply') {
        const m = (req.params as { manifest: { metadata: { name: string; namespace?: string } } }).manifest;
        const exists = state.apiPods.some((p) => p.metadata.name === m.metadata.name);
        reply = {
          ok: true,
          result: {
            pod: apiPod({
              ns: m.metadata.namespace ?? 'default',
              name: m.metadata.name,
              ageMs: 0,
              containers: [],
            }),
            created: !exists,
          },
        };
      } else if (req.method === 'pods.patchMetadata') {
        type Changes = Record<string, string | null> | undefined;
        const { namespace, name, labels, annotations, finalizers } = req.params as {
          namespace: string;
          name: string;
          labels?: Changes;
          annotations?: Changes;
          finalizers?: string[];
        };
        const pod = state.apiPods.find((p) => p.metadata.namespace === namespace && p.metadata.name === name);
        const apply = (target: Record<string, string> | undefined, changes: Changes) => {
          const out = { ...target };
          for (const [k, v] of Object.entries(changes ?? {})) {
            if (v === null) delete out[k];
            else out[k] = v;
          }
          return out;
        };
        if (pod) {
          if (labels) pod.metadata.labels = apply(pod.metadata.labels, labels);
          if (annotations) pod.metadata.annotations = apply(pod.metadata.annotations, annotations);
          if (finalizers) pod.metadata.finalizers = finalizers;
          pod.metadata.resourceVersion = String(Number(pod.metadata.resourceVersion) + 1);
        }
        writeState(root, state);
        reply = { ok: true, result: { pod } };
      } else reply = { ok: false, error: `unknown method ${req.method}` };
      conn.end(JSON.stringify(reply) + '\n');
    });
  });
  await new Promise<void>((r) => server.listen(sock, r));
  return { requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}
