/**
 * The simulated node's kube-apiserver over HTTPS: what real kubectl binaries and
 * @kubernetes/client-node talk to. It listens on `<host>:<port>` (the node IP and 6443, where
 * kubeadm's kube-apiserver listens) only while the simulated API is up (the kube-apiserver
 * static pod has run for a moment, engine/api/api-view.ts), so a stopped API server is a refused
 * connection, as on a real node; open watches and keep-alive connections are cut with it.
 * TLS with the node's kubeadm-style certificates (pki.ts): the serving certificate, and client
 * certificates verified against the cluster CA (auth.ts decides what each user may do).
 *
 * Served: discovery (discovery.ts), /version, health (health.ts), pods and nodes (resources.ts)
 * with server-side Table output (table.ts) and watches (watch-stream.ts), errors as Status
 * objects (status.ts). Anything else is the API's 404.
 *
 * In a simulated cluster (docs in ../engine/README.md) the first control plane's server also
 * holds the objects other kubelets keep there (`remote`, remote-rest.ts), and the other control
 * planes' servers forward resource requests to it (`upstream`, upstream-proxy.ts).
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiNode, ApiPod, SimNodeState } from '../model';
import { authenticate, authorizePath, authorizeResource, verbOf, type ApiUser } from './auth';
import type { ApiBackend } from './backend';
import {
  apiGroupList,
  apiVersions,
  coreV1Resources,
  OPENAPI_V2_PROTOBUF,
  serverVersion,
  versionInfo,
} from './discovery';
import {
  parseResourcePath,
  queryFlag,
  readBody,
  sendError,
  sendJson,
  tableRequested,
  type ResourcePath,
} from './http-io';
import {
  checkPreconditions,
  createPod,
  deleteOptions,
  engineError,
  findObject,
  listBody,
  listObjects,
  NODES,
  patched,
  patchTypeOf,
  PODS,
  replaced,
  selection,
  writeNode,
  writePod,
  type ResourceKind,
} from './resources';
import { ApiError, expired, internalError, methodNotSupported, pathNotFound } from './status';
import { toTable, type IncludeObject } from './table';
import { WatchHub, type ApiObject } from './watch-hub';
import { serveNamespaces } from './namespaces';
import { serveWatch } from './watch-stream';
import { reloadPairOnChange } from '../serving/reload-on-change';
import { healthRoute, serveHealth } from './health';
import type { RemoteObjects } from './remote-objects';
import { createRemote, isForeignKubelet, isRemote, writeRemote } from './remote-rest';
import type { UpstreamProxy } from './upstream-proxy';

export interface ApiServerOptions {
  backend: ApiBackend;
  tls: { ca: string; cert: string; key: string };
  /** Re-reads the serving pair (reload-on-change.ts); without it the first pair is served forever. */
  readServingPair?: () => { cert: string; key: string } | null;
  host: string;
  port: number;
  /** Where problems go (the kubelet daemon's stderr). */
  log?: (line: string) => void;
  /** This node holds a cluster's store: the objects other kubelets keep here. */
  remote?: RemoteObjects;
  /** Another control plane: resource requests go to the store's holder. */
  upstream?: UpstreamProxy;
}

/** kube-apiserver's --secure-port in kubeadm's manifest. */
export const API_SERVER_PORT = 6443;

/** Watches see status changes the kubelet makes without telling (a timer), this often. */
const WATCH_POLL_MS = 250;
const LISTEN_RETRY_MS = 2_000;
const SYNC_DELAY_MS = 20;

export class SimApiServer {
  private readonly server: https.Server;
  private readonly hub: WatchHub;
  private listening = false;
  private transition?: Promise<void>;
  private poll?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private stopped = false;
  private syncTimer?: NodeJS.Timeout;
  /** Changes come in bursts; look once per burst (the state publisher coalesces the same way). */
  private readonly onChange = () => {
    this.syncTimer ??= setTimeout(() => {
      this.syncTimer = undefined;
      this.sync();
    }, SYNC_DELAY_MS);
  };

  constructor(private readonly opts: ApiServerOptions) {
    this.hub = new WatchHub(() => opts.backend.nextResourceVersion());
    this.server = https.createServer(
      { ...opts.tls, requestCert: true, rejectUnauthorized: false },
      (req, res) => void this.handle(req, res),
    );
    this.server.on('clientError', (_e, socket) => socket.destroy());
    if (opts.readServingPair)
      reloadPairOnChange(this.server, opts.tls, opts.readServingPair, { ca: opts.tls.ca }, (line) =>
        opts.log?.(`apiserver: ${this.address}: ${line}`),
      );
    opts.backend.on('change', this.onChange);
    opts.remote?.on('change', this.onChange);
    this.sync();
  }

  /** The API's objects: the node's own, with those other kubelets keep here. */
  private state(): SimNodeState {
    const state = this.opts.backend.state();
    return this.opts.remote ? { ...state, cluster: this.opts.remote.snapshot() } : state;
  }

  get address(): string {
    return `${this.opts.host}:${this.opts.port}`;
  }

  /** Listens while the API is up, stops listening while it is down. */
  private sync(): void {
    if (this.stopped) return;
    const state = this.state();
    this.hub.observe(this.snapshot(state));
    const serving = state.apiServing ?? state.apiServerUp;
    if (serving !== this.listening && !this.transition) {
      this.transition = (serving ? this.listen() : this.close()).finally(() => {
        this.transition = undefined;
        this.sync();
      });
    }
  }

  private snapshot(state: SimNodeState): { pods: ApiPod[]; nodes: ApiNode[] } {
    return { pods: PODS.all(state), nodes: NODES.all(state) };
  }

  private listen(): Promise<void> {
    return new Promise((resolve) => {
      const onError = (e: Error) => {
        this.server.off('listening', onListening);
        this.opts.log?.(`apiserver: cannot listen on ${this.address}: ${e.message}; retrying`);
        this.retry = setTimeout(() => this.sync(), LISTEN_RETRY_MS);
        resolve();
      };
      const onListening = () => {
        this.server.off('error', onError);
        this.listening = true;
        this.poll = setInterval(() => {
          if (this.hub.watcherCount > 0) this.hub.observe(this.snapshot(this.state()));
        }, WATCH_POLL_MS);
        resolve();
      };
      this.server.once('error', onError);
      this.server.once('listening', onListening);
      this.server.listen(this.opts.port, this.opts.host);
    });
  }

  private close(): Promise<void> {
    return new Promise((resolve) => {
      this.listening = false;
      if (this.poll) clearInterval(this.poll);
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Resolves once listening (or at once when the API is down). */
  async ready(): Promise<void> {
    while (this.transition) await this.transition;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.opts.backend.off('change', this.onChange);
    this.opts.upstream?.close();
    if (this.retry) clearTimeout(this.retry);
    if (this.syncTimer) clearTimeout(this.syncTimer);
    await this.ready();
    if (this.listening) await this.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'https://apiserver');
      const user = authenticate(req);
      const route = parseResourcePath(url.pathname);
      if (route && this.opts.upstream) this.opts.upstream.forward(req, res, user);
      else if (route) await this.resource(req, res, user, route, url.searchParams);
      else this.nonResource(req, res, user, url.pathname, url.searchParams);
    } catch (e) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(res, e instanceof ApiError ? e : internalError((e as Error).message ?? String(e)));
    }
  }

  private nonResource(
    req: IncomingMessage,
    res: ServerResponse,
    user: ApiUser,
    path: string,
    query: URLSearchParams,
  ): void {
    const route = path.replace(/\/+$/, '') || '/';
    authorizePath(user, route);
    if (req.method !== 'GET') throw pathNotFound();
    const state = this.state();
    const health = healthRoute(route);
    if (health) return serveHealth(res, health, query, state);
    switch (route) {
      case '/version':
        return sendJson(res, 200, versionInfo(serverVersion(state)));
      case '/api':
        return sendJson(res, 200, apiVersions(this.address));
      case '/apis':
        return sendJson(res, 200, apiGroupList());
      case '/api/v1':
        return sendJson(res, 200, coreV1Resources());
      case '/openapi/v2':
        res.writeHead(200, { 'Content-Type': OPENAPI_V2_PROTOBUF, 'Content-Length': 0 });
        res.end();
        return;
      default:
        throw pathNotFound();
    }
  }

  private async resource(
    req: IncomingMessage,
    res: ServerResponse,
    user: ApiUser,
    route: ResourcePath,
    query: URLSearchParams,
  ): Promise<void> {
    if (route.resource === 'namespaces' && !route.namespace && !route.subresource)
      return serveNamespaces(req, res, user, {
        state: this.state(),
        name: route.name,
        query,
        resourceVersion: String(this.hub.resourceVersion),
      });
    const kind = (
      route.resource === 'pods' ? PODS : route.resource === 'nodes' ? NODES : null
    ) as ResourceKind<ApiObject> | null;
    if (!kind || route.subresource || (!kind.namespaced && route.namespace)) throw pathNotFound();
    const { namespace, name } = route;
    const method = req.method ?? 'GET';
    const watch = method === 'GET' && !name && queryFlag(query, 'watch');
    const verb = verbOf(method, name, watch);
    if (!verb) throw methodNotSupported(kind.resource, method.toLowerCase());
    const remote = this.opts.remote;
    // Another node's kubelet writing its own objects: remote-rest.ts authorizes per object.
    const kubeletWrite =
      remote !== undefined && method !== 'GET' && isForeignKubelet(user, this.localNodeName());
    if (!kubeletWrite) authorizeResource(user, { verb, resource: kind.resource, namespace, name });
    const body = method === 'GET' ? '' : await readBody(req);
    const state = this.state();
    this.hub.observe(this.snapshot(state));
    const table = tableRequested(req.headers.accept);
    const include = (query.get('includeObject') ?? 'Metadata') as IncludeObject;
    const render = (objects: ApiObject[], resourceVersion?: string) =>
      toTable(objects, kind.columns, (o) => kind.cells(o, Date.now()), { resourceVersion, include });

    if (method === 'GET' && !name) {
      const sel = selection(kind, query, namespace);
      if (watch) {
        const timeout = query.get('timeoutSeconds');
        return serveWatch(res, this.hub, {
          resource: kind.resource,
          selection: sel,
          resourceVersion: query.get('resourceVersion'),
          timeoutSeconds: timeout === null ? null : Number(timeout),
          initial: () => listObjects(kind, state, sel),
          render: (o) => (table ? render([o], o.metadata.resourceVersion) : o),
          expired,
        });
      }
      const items = listObjects(kind, state, sel);
      const rv = String(this.hub.resourceVersion);
      return sendJson(res, 200, table ? render(items, rv) : listBody(kind, items, rv));
    }
    if (method === 'POST' && remote && !name && (kubeletWrite || this.bindsElsewhere(kind, body))) {
      const created = createRemote(remote, kind, namespace, body, user, (n) => {
        try {
          findObject(kind, this.state(), namespace, n);
          return true;
        } catch {
          return false;
        }
      });
      return sendJson(res, 201, this.current(kind, namespace, created.metadata.name) ?? created);
    }
    if (method === 'POST') {
      if (name || kind !== (PODS as ResourceKind<ApiObject>) || !namespace)
        throw methodNotSupported(kind.resource, 'create');
      const created = createPod(this.opts.backend, namespace, body);
      return sendJson(res, 201, this.current(kind, namespace, created.metadata.name) ?? created);
    }
    if (!name) throw methodNotSupported(kind.resource, method.toLowerCase());
    const current = findObject(kind, state, namespace, name);
    if (remote && method !== 'GET' && (kubeletWrite || isRemote(remote, kind, current))) {
      const written = writeRemote(
        remote,
        kind,
        current,
        { method, body, query, patchType: () => patchTypeOf(req.headers['content-type']) },
        user,
      );
      return sendJson(
        res,
        200,
        method === 'DELETE' ? written : (this.current(kind, namespace, name) ?? written),
      );
    }
    switch (method) {
      case 'GET':
        return sendJson(res, 200, table ? render([current]) : current);
      case 'PUT':
      case 'PATCH': {
        const next =
          method === 'PATCH'
            ? patched(current, body, patchTypeOf(req.headers['content-type']))
            : replaced(current, body);
        if (kind === (PODS as ResourceKind<ApiObject>)) writePod(this.opts.backend, current as ApiPod, next);
        else writeNode(this.opts.backend, current as ApiNode, next);
        return sendJson(res, 200, this.current(kind, namespace, name) ?? current);
      }
      case 'DELETE': {
        const options = deleteOptions(body, query);
        checkPreconditions(kind, current, options);
        try {
          if (kind === (PODS as ResourceKind<ApiObject>))
            this.opts.backend.deletePod(namespace as string, name, options.gracePeriodSeconds);
          else this.opts.backend.deleteNode(name);
        } catch (e) {
          throw engineError(e, kind.resource, name);
        }
        // The object as the delete left it: marked for a graceful deletion, else as it was.
        return sendJson(res, 200, this.current(kind, namespace, name) ?? current);
      }
    }
  }

  private nodeName?: string;
  private localNodeName(): string {
    return (this.nodeName ??= this.opts.backend.state().nodeName);
  }

  /** A POST of a Node, or of a pod whose spec.nodeName is another node: kept for that node. */
  private bindsElsewhere(kind: ResourceKind<ApiObject>, body: string): boolean {
    if (kind === (NODES as ResourceKind<ApiObject>)) return true;
    try {
      const nodeName = (JSON.parse(body) as { spec?: { nodeName?: unknown } }).spec?.nodeName;
      return typeof nodeName === 'string' && nodeName !== '' && nodeName !== this.localNodeName();
    } catch {
      return false;
    }
  }

  /** The object as it is now, after a write (fresh status and resourceVersion). */
  private current(
    kind: ResourceKind<ApiObject>,
    namespace: string | undefined,
    name: string,
  ): ApiObject | undefined {
    const state = this.state();
    this.hub.observe(this.snapshot(state));
    try {
      return findObject(kind, state, namespace, name);
    } catch {
      return undefined;
    }
  }
}
