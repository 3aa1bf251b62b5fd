/**
 * Shared kubectl plumbing: the options every subcommand accepts (pflag allows them anywhere),
 * reaching the simulated API (the published state for reads, the daemon for writes) and the
 * error wording of kubectl and the API server.
 */
import type { ApiPod, SimNodeState } from '../model';
import type { SimPaths } from '../paths';
import type { SimRpcMethod, SimRpcMethods } from '../rpc';
import { callSimDaemon } from '../daemon/client';
import type { CommandIO } from './io';
import { readNodeState } from './state';
import type { OptionSpec, ParsedArgs } from './args';

export const KUBECTL_OPTIONS: OptionSpec[] = [
  { name: 'namespace', short: 'n', value: 'required' },
  { name: 'all-namespaces', short: 'A', value: 'none' },
  { name: 'output', short: 'o', value: 'required' },
  { name: 'field-selector', value: 'required' },
  { name: 'selector', short: 'l', value: 'required' },
  { name: 'kubeconfig', value: 'required' },
  { name: 'context', value: 'required' },
  { name: 'request-timeout', value: 'required' },
  { name: 'no-headers', value: 'none' },
  { name: 'show-labels', value: 'none' },
  { name: 'grace-period', value: 'required' },
  { name: 'force', value: 'none' },
  { name: 'now', value: 'none' },
  { name: 'wait', value: 'none' },
  { name: 'ignore-not-found', value: 'none' },
  { name: 'filename', short: 'f', value: 'required' },
  { name: 'overwrite', value: 'none' },
];

/** A failure that ends kubectl with exit status 1 after printing `message` on stderr. */
export class KubectlError extends Error {}

export interface KubectlContext {
  io: CommandIO;
  paths: SimPaths;
  args: ParsedArgs;
}

/** kubectl's text when nothing answers on the API endpoint. */
export const refused = (host: string): string =>
  `The connection to the server ${host} was refused - did you specify the right host or port?`;

/** The API's view: fails like kubectl when the API server is down (apiServerUp false, §4). */
export async function apiState(ctx: KubectlContext): Promise<SimNodeState> {
  const state = await readNodeState(ctx.paths);
  // No simulated node at all: kubectl without a reachable cluster.
  if (!state) throw new KubectlError(refused('localhost:8080'));
  if (!state.apiServerUp) throw new KubectlError(refused(`${state.nodeIp}:6443`));
  return state;
}

/** API-server errors as kubectl prints them. */
export function apiErrorText(message: string): string {
  if (/^(pods|nodes) ".*" not found$/.test(message)) return `Error from server (NotFound): ${message}`;
  if (/^pods ".*" already exists$/.test(message)) return `Error from server (AlreadyExists): ${message}`;
  if (
    message.startsWith('The connection to the server') ||
    message.startsWith('error: ') ||
    message.startsWith('Error from server')
  )
    return message;
  // Validation failures (StatusReasonInvalid) print as the API words them.
  if (/^The \w+ ".*" is invalid: /.test(message)) return message;
  return `error: ${message}`;
}

/** A mutation through the simulated kubelet daemon (rpc.ts); unreachable daemon = refused. */
export async function callApi<M extends SimRpcMethod>(
  ctx: KubectlContext,
  state: SimNodeState,
  method: M,
  params: SimRpcMethods[M]['params'],
): Promise<SimRpcMethods[M]['result']> {
  try {
    return await callSimDaemon(ctx.paths, method, params, 10_000);
  } catch (e) {
    const text = (e as Error).message;
    if (text.includes('cannot reach the kubelet daemon'))
      throw new KubectlError(refused(`${state.nodeIp}:6443`));
    throw new KubectlError(apiErrorText(text));
  }
}

export const byNamespaceThenName = (a: ApiPod, b: ApiPod): number =>
  a.metadata.namespace === b.metadata.namespace
    ? a.metadata.name < b.metadata.name
      ? -1
      : 1
    : a.metadata.namespace < b.metadata.namespace
      ? -1
      : 1;
