/**
 * The simulated kubelet as a client of another node's API server: on a node that joined a
 * cluster its kubeconfig (kubelet.conf) names the first control plane's API, and the kubelet
 * keeps its Node and the pods bound to it there, as a real kubelet registers its Node, posts
 * its status and creates, updates and deletes its mirror pods through the API
 * (docs/kubelet.md §2.1–2.3; pkg/kubelet/kubelet_node_status.go, pkg/kubelet/pod/mirror_client.go).
 *
 * The kubelet's engine keeps its own view of those objects (engine/api/api-view.ts); this loop
 * makes the API server's copy follow it: a changed object is written (PUT, or POST when the API
 * has none), one the engine dropped is deleted with a UID precondition, and every few seconds
 * the API's list of this node's pods is compared, so a mirror someone deleted there comes back
 * (the kubelet re-creates deleted mirror pods, §2.4) and nothing of an earlier run is left.
 */
import type { ApiNode, ApiPod, SimNodeState } from '../model';
import type { ApiAnswer } from './api-client';

export interface ApiRequester {
  request(method: string, path: string, body?: unknown): Promise<ApiAnswer>;
}

export interface ApiSyncOptions {
  api: ApiRequester;
  nodeName: string;
  /** The server, for messages (`https://127.20.3.1:6443`). */
  server: string;
  state(): SimNodeState;
  log(line: string): void;
  /** Between syncs when nothing changed (default 1 s). */
  intervalMs?: number;
  /** Between comparisons with the API's list (default 3 s). */
  fullCheckMs?: number;
}

const podPath = (p: { metadata: { namespace: string; name: string } }) =>
  `/api/v1/namespaces/${encodeURIComponent(p.metadata.namespace)}/pods/${encodeURIComponent(p.metadata.name)}`;

/** The object as a client sends it: the server owns resourceVersion. */
function outgoing<T extends ApiNode | ApiPod>(o: T): T {
  const copy = structuredClone(o);
  delete (copy.metadata as { resourceVersion?: string }).resourceVersion;
  return copy;
}

export class KubeletApiSync {
  /** What the API was last told: object key → the engine's resourceVersion then. */
  private readonly pushed = new Map<string, { rv: string; pod?: ApiPod }>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private lastFullCheck = 0;
  private reachable: boolean | null = null;

  constructor(private readonly opts: ApiSyncOptions) {}

  start(): void {
    this.schedule(0);
  }

  /** Something changed in the engine: sync soon (bursts coalesce). */
  changed(): void {
    this.schedule(50);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.syncOnce()
        .then(
          () => this.report(true),
          (e: unknown) => this.report(false, (e as Error).message),
        )
        .finally(() => {
          this.running = undefined;
          const next = this.again ? 0 : (this.opts.intervalMs ?? 1_000);
          this.again = false;
          this.schedule(next);
        });
    }, delayMs);
  }

  private report(ok: boolean, reason?: string): void {
    if (ok === this.reachable) return;
    this.reachable = ok;
    this.opts.log(
      ok
        ? `api-sync: ${this.opts.server} answers; Node ${this.opts.nodeName} and its pods are kept there`
        : `api-sync: cannot reach ${this.opts.server}: ${reason ?? 'unknown error'}; retrying`,
    );
  }

  private async write(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const answer = await this.opts.api.request(method, path, body);
    if (answer.status >= 500) throw new Error(`${method} ${path}: HTTP ${answer.status}`);
    return answer;
  }

  private async syncOnce(): Promise<void> {
    const state = this.opts.state();
    const now = Date.now();
    if (now - this.lastFullCheck >= (this.opts.fullCheckMs ?? 3_000)) {
      await this.compareWithApi(state);
      this.lastFullCheck = now;
    }
    if (state.node) await this.syncNode(state.node);
    const own = state.apiPods.filter((p) => p.spec.nodeName === this.opts.nodeName);
    const ownUids = new Set(own.map((p) => p.metadata.uid));
    // Deletes first: a mirror replaced after an edit keeps its name under a new UID (§2.2).
    for (const [key, entry] of [...this.pushed]) {
      if (!key.startsWith('pod/') || ownUids.has(key.slice(4)) || !entry.pod) continue;
      const answer = await this.write('DELETE', podPath(entry.pod), {
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        gracePeriodSeconds: 0,
        preconditions: { uid: entry.pod.metadata.uid },
      });
      if (answer.status < 300 || answer.status === 404 || answer.status === 409) this.pushed.delete(key);
    }
    for (const pod of own) {
      const key = `pod/${pod.metadata.uid}`;
      if (this.pushed.get(key)?.rv === pod.metadata.resourceVersion) continue;
      let answer = await this.write('PUT', podPath(pod), outgoing(pod));
      if (answer.status === 404)
        answer = await this.write(
          'POST',
          `/api/v1/namespaces/${encodeURIComponent(pod.metadata.namespace)}/pods`,
          outgoing(pod),
        );
      if (answer.status < 300) this.pushed.set(key, { rv: pod.metadata.resourceVersion, pod });
    }
  }

  private async syncNode(node: ApiNode): Promise<void> {
    if (this.pushed.get('node')?.rv === node.metadata.resourceVersion) return;
    const path = `/api/v1/nodes/${encodeURIComponent(node.metadata.name)}`;
    let answer = await this.write('PUT', path, outgoing(node));
    if (answer.status === 404) answer = await this.write('POST', '/api/v1/nodes', outgoing(node));
    if (answer.status < 300) this.pushed.set('node', { rv: node.metadata.resourceVersion });
  }

  /**
   * The API's pods of this node against the engine's: one the API lacks is written again (a
   * deleted mirror comes back), one the engine does not have is deleted (left by an earlier run).
   */
  private async compareWithApi(state: SimNodeState): Promise<void> {
    const selector = encodeURIComponent(`spec.nodeName=${this.opts.nodeName}`);
    const answer = await this.write('GET', `/api/v1/pods?fieldSelector=${selector}`);
    if (answer.status !== 200) return;
    const items = (answer.body as { items?: ApiPod[] } | undefined)?.items ?? [];
    const local = new Set(
      state.apiPods.filter((p) => p.spec.nodeName === this.opts.nodeName).map((p) => p.metadata.uid),
    );
    const remote = new Set(items.map((p) => p.metadata.uid));
    for (const pod of items) {
      if (local.has(pod.metadata.uid)) continue;
      this.pushed.set(`pod/${pod.metadata.uid}`, { rv: '', pod });
    }
    for (const key of [...this.pushed.keys()])
      if (key.startsWith('pod/') && local.has(key.slice(4)) && !remote.has(key.slice(4)))
        this.pushed.delete(key);
    if (!state.node) return;
    const node = await this.write('GET', `/api/v1/nodes/${encodeURIComponent(this.opts.nodeName)}`);
    if (node.status === 404) this.pushed.delete('node');
  }
}
