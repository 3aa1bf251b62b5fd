/**
 * Who is asking and whether they may. Authentication by client certificate, as kube-apiserver's
 * x509 authenticator does (`--client-ca-file`): a certificate that chains to the cluster CA names
 * the user (CN) and its groups (each O); one that does not (a kubeconfig of another cluster) and
 * a bearer token (no token authenticator here) are 401 Unauthorized; no credentials at all is
 * `system:anonymous` (`--anonymous-auth` is on in kubeadm's manifest). Authorization stands in for kubeadm's RBAC
 * and the Node authorizer, for the users this simulation issues certificates to:
 * - `system:masters` and `kubeadm:cluster-admins` (kubernetes-admin in admin.conf): everything;
 * - `system:nodes` (the kubelet's kubelet.conf): read pods, nodes and namespaces, nothing else [inf: the
 *   real Node authorizer also lets a kubelet write its own Node and its pods];
 * - everyone, anonymous included: /version and the health paths (system:public-info-viewer);
 *   every authenticated user: discovery and OpenAPI (system:discovery); no resources;
 * - on a node holding a cluster's objects (remote-objects.ts), a kubelet also writes its own
 *   Node and the pods bound to it (the Node authorizer with NodeRestriction: "a kubelet may only
 *   modify its own Node API object, and only modify Pod API objects that are bound to its node",
 *   https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#noderestriction);
 *   the holding node's own kubelet writes in process, so its credentials stay read-only here.
 * Admins may impersonate (`Impersonate-User`, `Impersonate-Group`,
 * https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation):
 * another control plane's API server forwards its clients' requests that way (upstream-proxy.ts).
 * A refusal is RBAC's Forbidden (status.ts, forbidden()).
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { forbidden, forbiddenPath, unauthorized } from './status';

export interface ApiUser {
  name: string;
  groups: string[];
}

export const ANONYMOUS: ApiUser = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

const ADMIN_GROUPS = ['system:masters', 'kubeadm:cluster-admins'];

const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

export function authenticate(req: IncomingMessage): ApiUser {
  const socket = req.socket as TLSSocket;
  if (req.headers.authorization) throw unauthorized();
  if (!socket.authorized) {
    const presented = Object.keys(socket.getPeerCertificate() ?? {}).length > 0;
    if (presented) throw unauthorized();
    return ANONYMOUS;
  }
  const subject = socket.getPeerCertificate()?.subject as
    { CN?: string | string[]; O?: string | string[] } | undefined;
  const name = asList(subject?.CN)[0];
  if (!name) return ANONYMOUS;
  const user = { name, groups: [...asList(subject?.O), 'system:authenticated'] };
  return impersonated(req, user) ?? user;
}

/** The user an admin acts as with Impersonate-User (and Impersonate-Group headers), if any. */
function impersonated(req: IncomingMessage, user: ApiUser): ApiUser | null {
  const as = req.headers['impersonate-user'];
  if (typeof as !== 'string' || as === '') return null;
  if (!user.groups.some((g) => ADMIN_GROUPS.includes(g)))
    throw forbidden(user.name, 'impersonate', 'users', as, undefined);
  const groups = req.headersDistinct['impersonate-group'] ?? [];
  return { name: as, groups: [...groups, ...(as === ANONYMOUS.name ? [] : ['system:authenticated'])] };
}

/** The node a kubelet's credentials name (`system:node:NAME` in `system:nodes`), else null. */
export function nodeOfUser(user: ApiUser): string | null {
  if (!user.groups.includes('system:nodes')) return null;
  return /^system:node:(.+)$/.exec(user.name)?.[1] ?? null;
}

export function isAdmin(user: ApiUser): boolean {
  return user.groups.some((g) => ADMIN_GROUPS.includes(g));
}

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete';

export interface ResourceAttributes {
  verb: Verb;
  resource: 'pods' | 'nodes' | 'namespaces';
  namespace?: string;
  name?: string;
}

const READ: Verb[] = ['get', 'list', 'watch'];

const WRITE_VERBS: Record<string, Verb> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/**
 * The authorization verb of a resource request (RequestInfoFactory): GET of a name is get, of a
 * collection list or, with ?watch, watch; null for a method the API does not take.
 */
export function verbOf(method: string, name: string | undefined, watch: boolean): Verb | null {
  if (method === 'GET') return name ? 'get' : watch ? 'watch' : 'list';
  return WRITE_VERBS[method] ?? null;
}

/** Throws Forbidden unless `user` may do this. */
export function authorizeResource(user: ApiUser, a: ResourceAttributes): void {
  if (user.groups.some((g) => ADMIN_GROUPS.includes(g))) return;
  if (user.groups.includes('system:nodes') && READ.includes(a.verb)) return;
  throw forbidden(user.name, a.verb, a.resource, a.name ?? '', a.namespace);
}

const under = (path: string, roots: string[]) => roots.some((p) => path === p || path.startsWith(`${p}/`));

/** Non-resource paths (the RBAC roles named above). */
export function authorizePath(user: ApiUser, path: string): void {
  if (under(path, ['/version', '/healthz', '/livez', '/readyz'])) return;
  if (user.groups.includes('system:authenticated') && under(path, ['/api', '/apis', '/openapi'])) return;
  if (user.groups.some((g) => ADMIN_GROUPS.includes(g))) return;
  throw forbiddenPath(user.name, 'get', path);
}
