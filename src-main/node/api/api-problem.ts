/**
 * Why kubectl on the node could not read the API side, in words, and of which kind — keeping
 * credentials apart from health. kubectl without a kubeconfig talks to localhost:8080 and
 * prints `The connection to the server localhost:8080 was refused` (client-go's default when
 * no cluster is configured): on a node with no usable kubeconfig that is "no credentials", not
 * "the API server is down". A kubeconfig the user may not read, credentials refused (401) or too
 * narrow (403, the kubelet's own Node identity outside its node) are not the server's health
 * either. Only a refused connection to the kubeconfig's server means it is down.
 */
import type { ApiCredentials, ToolRef } from '../../contract/domain/node-setup';
import type { ApiProblem } from '../../contract/domain/node-pods';
import { accessFailure } from '../session/access-failure';
import { parseKubectlError } from './kubectl-error';

export interface ApiFailure {
  problem: ApiProblem;
  reason: string;
}

export interface ApiFailureInput {
  /** kubectl's exit status and stderr; null when it was not run. */
  code: number | null;
  stderr: string;
  credentials: ApiCredentials;
  kubectl: ToolRef;
  user: string;
}

/** The failure of a kubectl read, or null when it succeeded (or found nothing, which is data). */
export function apiFailure(input: ApiFailureInput): ApiFailure | null {
  const { credentials, kubectl } = input;
  if (!kubectl.path && input.code === null) {
    return { problem: 'no-kubectl', reason: `${kubectl.missing ?? 'kubectl not found on the node'}.` };
  }
  if (credentials.kubeconfig === null && input.code === null) {
    return { problem: 'no-credentials', reason: credentials.explanation };
  }
  if (input.code === 0) return null;
  if (input.code === 127) {
    return {
      problem: 'no-kubectl',
      reason: `kubectl could not be run at ${kubectl.path ?? '?'}: ${input.stderr.trim() || 'not found'}.`,
    };
  }
  const refused = accessFailure(input.stderr, input.user);
  if (refused && refused.target && refused.target === credentials.kubeconfig) {
    return {
      problem: 'no-credentials',
      reason: `No credentials for the API server on this node: ${refused.reason}; use your own kubeconfig.`,
    };
  }
  const error = parseKubectlError(input.stderr);
  const via = credentials.kubeconfig ? ` with ${credentials.kubeconfig}` : '';
  switch (error?.kind) {
    case 'no-resources':
      return null;
    case 'connection-refused':
      if (!credentials.kubeconfig && /^(localhost|127\.0\.0\.1):8080$/.test(error.server ?? '')) {
        return { problem: 'no-credentials', reason: credentials.explanation };
      }
      return {
        problem: 'down',
        reason: `The API server refused the connection${error.server ? ` (${error.server})` : ''}: it is down, so no mirror pods can be read. The runtime view still shows what runs.`,
      };
    case 'unreachable':
      return {
        problem: 'other',
        reason: `The API server${error.server ? ` at ${error.server}` : ''} could not be reached${via}: ${error.message}`,
      };
    case 'unauthorized':
      return {
        problem: 'unauthorized',
        reason: `The API server refused the credentials of ${credentials.kubeconfig ?? 'kubectl'}: ${error.message}`,
      };
    case 'forbidden':
      return {
        problem: 'forbidden',
        reason: `The credentials of ${credentials.kubeconfig ?? 'kubectl'} (${credentials.kind === 'kubelet' ? "the kubelet's own, limited to its node" : credentials.kind}) may not do this: ${error.message}`,
      };
    default:
      return {
        problem: 'other',
        reason: `kubectl failed${via}: ${error?.message ?? (input.stderr.trim().split('\n').pop() || `exit ${input.code}`)}`,
      };
  }
}
