/** kubectl failures recognised on stderr: the texts real kubectl prints (docs/kubelet.md §1.7). */
import { describe, expect, it } from 'vitest';
import { parseKubectlError } from '../../../src-main/node/api/kubectl-error';

describe('parseKubectlError', () => {
  it.each([
    [
      'The connection to the server 192.2.239.6:6443 was refused - did you specify the right host or port?',
      { kind: 'connection-refused', server: '192.2.239.6:6443', reason: null },
    ],
    [
      'E1011 01:18:05.123456   31337 memcache.go:265] couldn\'t get current server API group list: Get "https://controlplane:6443/api?timeout=32s": dial tcp 192.2.239.6:6443: connect: connection refused\nThe connection to the server controlplane:6443 was refused - did you specify the right host or port?',
      { kind: 'connection-refused', server: 'controlplane:6443', reason: null },
    ],
    [
      'Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout',
      { kind: 'unreachable', server: '10.0.0.1:6443', reason: null },
    ],
    [
      'Unable to connect to the server: net/http: TLS handshake timeout',
      { kind: 'unreachable', server: null, reason: null },
    ],
    [
      'error: You must be logged in to the server (Unauthorized)',
      { kind: 'unauthorized', server: null, reason: null },
    ],
    [
      'Error from server (NotFound): pods "kube-apiserver-controlplane" not found',
      { kind: 'not-found', server: null, reason: 'NotFound' },
    ],
    [
      'Error from server (Forbidden): pods is forbidden: User "system:node:node01" cannot list resource "pods"',
      { kind: 'forbidden', server: null, reason: 'Forbidden' },
    ],
    [
      'Error from server (ServiceUnavailable): the server is currently unable to handle the request',
      { kind: 'server-error', server: null, reason: 'ServiceUnavailable' },
    ],
    // Real kubectl 1.27 and 1.33 against the simulated API server (apiserver/status.ts, invalid()).
    [
      'The Pod "kube-scheduler-controlplane" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      { kind: 'invalid', server: null, reason: 'Invalid' },
    ],
    ['The request is invalid', { kind: 'invalid', server: null, reason: 'Invalid' }],
    ['No resources found in kube-system namespace.', { kind: 'no-resources', server: null, reason: null }],
    ['No resources found', { kind: 'no-resources', server: null, reason: null }],
    [
      'error: the server doesn\'t have a resource type "podz"',
      { kind: 'unknown', server: null, reason: null },
    ],
  ] as const)('%s', (stderr, expected) => {
    expect(parseKubectlError(stderr)).toMatchObject(expected);
  });

  it('returns null when stderr has no error (e.g. only warnings)', () => {
    expect(parseKubectlError('')).toBeNull();
    expect(parseKubectlError('Warning: spec.nodeSelector[beta.kubernetes.io/os]: deprecated')).toBeNull();
  });
});
