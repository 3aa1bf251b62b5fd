/**
 * The API view through the user's own kubeconfig and context (issue 6 point 4), with
 * @kubernetes/client-node on this machine instead of kubectl on the node. The pods are
 * written back as the API's JSON and parsed by the same parser as kubectl's output, so both
 * ways produce the same table.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { ApiPodView } from '../../contract/domain/pods';
import { parseKubectlPodList } from '../api/kubectl-pod-json';

export interface KubeconfigApiRead {
  pods: ApiPodView[];
  nodeRegistered: boolean | null;
  /** Why the API could not be read, in words; null on success. */
  reason: string | null;
  /** The server did not answer at all (the socket's own error), as ApiAvailability.unanswered. */
  unanswered?: { server: string | null; said: string } | null;
}

/** Socket errors that mean nothing answered at the server's address (Node's errno codes). */
const NO_ANSWER = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET']);

function noAnswer(error: unknown, server: string): { server: string; said: string } | null {
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : null;
  return code && NO_ANSWER.has(code) ? { server, said: `${code}: ${String(e.message ?? code)}` } : null;
}

/**
 * @kubernetes/client-node (and node-fetch, socks, ws… behind it) loads only for a node read
 * through a kubeconfig: most runs never need it, and it is the heaviest import of the core.
 */
const clientNode = () => import('@kubernetes/client-node');

function loadConfig(
  KubeConfigClass: typeof KubeConfig,
  path: string | undefined,
  context: string | undefined,
): KubeConfig {
  const config = new KubeConfigClass();
  if (path) config.loadFromFile(path);
  else config.loadFromDefault();
  if (context) config.setCurrentContext(context);
  return config;
}

function describeError(error: unknown, server: string): string {
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : null;
  if (code === 'ECONNREFUSED')
    return `The API server refused the connection (${server}): it is down, so no mirror pods can be read. The runtime view still shows what runs.`;
  if (String(e.message ?? '').includes('HTTP protocol is not allowed')) {
    return `The kubeconfig's server ${server} is plain http, which @kubernetes/client-node reads only with insecure-skip-tls-verify: true on that cluster. Use its https address, or set that option.`;
  }
  if (typeof e.code === 'number') return `The API server at ${server} answered HTTP ${e.code}.`;
  return `Could not read the API server at ${server} with your kubeconfig: ${String(e.message ?? error)}`;
}

/**
 * The generated models keep the API's field names but turn times into Dates; written back as
 * the API writes them (metav1.Time: RFC 3339 in whole seconds, `…:56Z`, not `…:56.000Z`) so
 * both ways produce the same table, to the character.
 */
function apiJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, plain: unknown) {
    const original = this[key];
    return original instanceof Date ? original.toISOString().replace(/\.000Z$/, 'Z') : plain;
  });
}

export async function readApiViaKubeconfig(
  nodeName: string,
  path?: string,
  context?: string,
): Promise<KubeconfigApiRead> {
  const { CoreV1Api, KubeConfig: KubeConfigClass } = await clientNode();
  let config: KubeConfig;
  try {
    config = loadConfig(KubeConfigClass, path, context);
  } catch (error) {
    return {
      pods: [],
      nodeRegistered: null,
      reason: `Could not load the kubeconfig${path ? ` ${path}` : ''}: ${(error as Error).message}`,
    };
  }
  const server = config.getCurrentCluster()?.server ?? 'no server';
  if (!config.getCurrentCluster())
    return {
      pods: [],
      nodeRegistered: null,
      reason: `The kubeconfig has no cluster for context "${config.getCurrentContext()}".`,
    };
  const api = config.makeApiClient(CoreV1Api);
  try {
    const list = await api.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${nodeName}` });
    const json = apiJson({ kind: 'PodList', items: list.items });
    const parsed = parseKubectlPodList(json);
    let nodeRegistered: boolean | null = null;
    try {
      await api.readNode({ name: nodeName });
      nodeRegistered = true;
    } catch (error) {
      nodeRegistered = (error as { code?: unknown }).code === 404 ? false : null;
    }
    return { pods: parsed.ok ? parsed.value : [], nodeRegistered, reason: null };
  } catch (error) {
    return {
      pods: [],
      nodeRegistered: null,
      reason: describeError(error, server),
      unanswered: noAnswer(error, server),
    };
  }
}
