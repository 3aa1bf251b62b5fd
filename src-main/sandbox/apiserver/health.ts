/**
 * kube-apiserver's health endpoints (https://kubernetes.io/docs/reference/using-api/health-checks/;
 * apiserver/pkg/server/healthz/healthz.go): `/healthz`, `/livez` and `/readyz`, each with its
 * named checks. 200 and `ok` when all pass; `?verbose` lists them (`[+]etcd ok` …) and ends with
 * `readyz check passed`; a failing check makes it 500 with the list (`[-]etcd failed: reason
 * withheld`) and `readyz check failed`, verbose or not; `?exclude=<check>` leaves one out; a
 * single check is `/readyz/<check>`.
 *
 * What the checks see in the simulation: `etcd` and `etcd-readiness` pass while the node's etcd
 * container runs (kubeadm's kube-apiserver reaches its storage at `--etcd-servers=
 * https://127.0.0.1:2379`, the stacked member on its own node); the rest always pass.
 */
import type { ServerResponse } from 'node:http';
import type { SimNodeState } from '../model';

export type HealthEndpoint = 'healthz' | 'livez' | 'readyz';

const POST_START_HOOKS = [
  'poststarthook/start-kube-apiserver-admission-initializer',
  'poststarthook/generic-apiserver-start-informers',
  'poststarthook/start-apiextensions-informers',
  'poststarthook/start-apiextensions-controllers',
  'poststarthook/crd-informer-synced',
  'poststarthook/bootstrap-controller',
  'poststarthook/rbac/bootstrap-roles',
  'poststarthook/scheduling/bootstrap-system-priority-classes',
  'poststarthook/start-cluster-authentication-info-controller',
  'poststarthook/start-kube-aggregator-informers',
  'poststarthook/apiservice-registration-controller',
  'poststarthook/apiservice-status-available-controller',
  'poststarthook/kube-apiserver-autoregistration',
  'autoregister-completion',
  'poststarthook/apiservice-openapi-controller',
];

function checkNames(endpoint: HealthEndpoint): string[] {
  const storage = endpoint === 'readyz' ? ['etcd', 'etcd-readiness', 'informer-sync'] : ['etcd'];
  return ['ping', 'log', ...storage, ...POST_START_HOOKS, ...(endpoint === 'readyz' ? ['shutdown'] : [])];
}

/** Whether the node's stacked etcd member runs (its container in the runtime's state). */
export function etcdRunning(state: SimNodeState): boolean {
  return state.containers.some((c) => c.name === 'etcd' && c.state === 'CONTAINER_RUNNING');
}

function passes(check: string, state: SimNodeState): boolean {
  return check === 'etcd' || check === 'etcd-readiness' ? etcdRunning(state) : true;
}

/** Whether `route` is a health path; then the endpoint and the one check asked for, if any. */
export function healthRoute(route: string): { endpoint: HealthEndpoint; check: string | null } | null {
  const m = /^\/(healthz|livez|readyz)(?:\/(.+))?$/.exec(route);
  if (!m) return null;
  return { endpoint: m[1] as HealthEndpoint, check: m[2] ?? null };
}

function text(res: ServerResponse, code: number, body: string): void {
  res.writeHead(code, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache, private',
  });
  res.end(body);
}

export function serveHealth(
  res: ServerResponse,
  route: { endpoint: HealthEndpoint; check: string | null },
  query: URLSearchParams,
  state: SimNodeState,
): void {
  const names = checkNames(route.endpoint);
  if (route.check !== null) {
    if (!names.includes(route.check)) return text(res, 404, '404 page not found\n');
    if (passes(route.check, state)) return text(res, 200, 'ok');
    return text(res, 500, `internal server error: ${route.check} check failed\n`);
  }
  const excluded = new Set(query.getAll('exclude'));
  let failed = false;
  const lines: string[] = [];
  for (const name of names) {
    if (excluded.has(name)) {
      lines.push(`[+]${name} excluded: ok`);
      continue;
    }
    const ok = passes(name, state);
    failed ||= !ok;
    lines.push(ok ? `[+]${name} ok` : `[-]${name} failed: reason withheld`);
  }
  const list = lines.map((l) => `${l}\n`).join('');
  if (failed) return text(res, 500, `${list}${route.endpoint} check failed\n`);
  if (!query.has('verbose')) return text(res, 200, 'ok');
  text(res, 200, `${list}${route.endpoint} check passed\n`);
}
