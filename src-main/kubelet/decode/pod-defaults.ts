/**
 * The defaults the universal decoder applies to a decoded v1.Pod before the kubelet sees it
 * (pkg/apis/core/v1/defaults.go, via SetObjectDefaults_Pod), limited to the ones validation or the
 * app's checks depend on: restart/DNS policy, grace period, pull policy, port protocol, a
 * hostNetwork port's hostPort, a volume without source being an emptyDir, probe and handler
 * defaults, requests defaulted from limits. Also the v1 → internal conversion's one visible effect:
 * the deprecated `serviceAccount` fills `serviceAccountName`.
 */
import type { Decoded, DecodedObject } from '../go-types/typed-decode';
import { QuantityValue } from '../go-types/typed-decode';

export const obj = (v: Decoded | undefined): DecodedObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof QuantityValue) ? v : {};
export const list = (v: Decoded | undefined): Decoded[] => (Array.isArray(v) ? v : []);
export const str = (v: Decoded | undefined): string => (typeof v === 'string' ? v : '');

/** SetDefaults_Container: no tag or ":latest" pulls Always, else IfNotPresent. */
export function defaultPullPolicy(image: string): string {
  const lastSlash = image.lastIndexOf('/');
  const nameAndTag = image.slice(lastSlash + 1).split('@')[0];
  const colon = nameAndTag.lastIndexOf(':');
  const tag = colon >= 0 ? nameAndTag.slice(colon + 1) : '';
  if (image.includes('@')) return 'IfNotPresent';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(probe: Decoded | undefined): Decoded | undefined {
  if (probe === undefined || probe === null) return probe;
  const p = { ...obj(probe) };
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.timeoutSeconds === 0) p.timeoutSeconds = 1;
  if (p.periodSeconds === 0) p.periodSeconds = 10;
  if (p.successThreshold === 0) p.successThreshold = 1;
  if (p.failureThreshold === 0) p.failureThreshold = 3;
  if (p.httpGet !== undefined && p.httpGet !== null) {
    const h = { ...obj(p.httpGet) };
    if (!h.path) h.path = '/';
    if (!h.scheme) h.scheme = 'HTTP';
    p.httpGet = h;
  }
  return p;
}

function defaultContainer(raw: Decoded, hostNetwork: boolean): DecodedObject {
  const c = { ...obj(raw) };
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(str(c.image));
  if (Array.isArray(c.ports)) {
    c.ports = c.ports.map((raw) => {
      const port = { ...obj(raw) };
      if (!port.protocol) port.protocol = 'TCP';
      if (hostNetwork && !port.hostPort) port.hostPort = port.containerPort ?? 0;
      return port;
    });
  }
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const probe = defaultProbe(c[key]);
    if (probe !== undefined) c[key] = probe;
  }
  const resources = obj(c.resources);
  const limits = obj(resources.limits);
  if (Object.keys(limits).length > 0) {
    // SetDefaults_Pod: "the default value of requests is the limit".
    const requests = { ...obj(resources.requests) };
    for (const [name, q] of Object.entries(limits)) if (!(name in requests)) requests[name] = q;
    c.resources = { ...resources, requests };
  }
  return c;
}

export function defaultPod(decoded: DecodedObject): DecodedObject {
  const pod: DecodedObject = { ...decoded, metadata: { ...obj(decoded.metadata) } };
  const spec = { ...obj(decoded.spec) };
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  const hostNetwork = spec.hostNetwork === true;
  for (const key of ['containers', 'initContainers'] as const) {
    if (Array.isArray(spec[key])) spec[key] = spec[key].map((c) => defaultContainer(c, hostNetwork));
  }
  if (Array.isArray(spec.volumes)) {
    spec.volumes = spec.volumes.map((raw) => {
      const v = { ...obj(raw) };
      const sources = Object.keys(v).filter((k) => k !== 'name');
      if (sources.length === 0) v.emptyDir = {};
      return v;
    });
  }
  pod.spec = spec;
  return pod;
}
