/**
 * Credentials are not health, and a tool sudo could not find is not a missing tool: the API
 * side and the runtime side say what actually stopped them, from kubectl's and crictl's own
 * messages (client-go, kubectl checkErr, gRPC dial errors; docs/kubelet.md §3.5, §4).
 */
import { describe, expect, it } from 'vitest';
import type {
  ApiCredentials,
  RuntimeEndpointInfo,
  ToolRef,
} from '../../../src-main/contract/domain/node-setup';
import { apiFailure } from '../../../src-main/node/api/api-problem';
import { runtimeFailure } from '../../../src-main/node/cri/runtime-problem';

const tool = (name: 'crictl' | 'kubectl', path: string | null): ToolRef => ({
  name,
  argv: path ? [path] : [],
  path,
  foundVia: path ? 'PATH of ks-admin' : null,
  version: path ? `${name} version v1.30.0` : null,
  searched: ['/usr/bin', '/var/lib/rancher/rke2/bin'],
  missing: path ? null : `${name} not found in PATH (/usr/bin:/bin) or /var/lib/rancher/rke2/bin`,
});
const admin: ApiCredentials = {
  kubeconfig: '/etc/kubernetes/admin.conf',
  kind: 'admin',
  explanation: 'admin.conf',
  unreadable: [],
};
const none: ApiCredentials = {
  kubeconfig: null,
  kind: 'none',
  explanation:
    'No credentials for the API server on this node (none of /etc/kubernetes/admin.conf, /etc/kubernetes/kubelet.conf exists); use your own kubeconfig.',
  unreadable: [],
};

describe('apiFailure', () => {
  it('a worker with no kubeconfig: kubectl falls back to localhost:8080 — no credentials, not down', () => {
    const failure = apiFailure({
      code: 1,
      stderr:
        'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
      credentials: none,
      kubectl: tool('kubectl', '/usr/bin/kubectl'),
      user: 'ks-admin',
    });
    expect(failure).toEqual({ problem: 'no-credentials', reason: none.explanation });
    // And when the app does not even run kubectl for lack of credentials.
    expect(
      apiFailure({
        code: null,
        stderr: '',
        credentials: none,
        kubectl: tool('kubectl', '/usr/bin/kubectl'),
        user: 'u',
      })?.problem,
    ).toBe('no-credentials');
  });

  it('the kubeconfig’s own server refusing: down', () => {
    const failure = apiFailure({
      code: 1,
      stderr:
        'E0611 08:15:07.123456   99123 memcache.go:265] couldn\'t get current server API group list: Get "https://10.0.0.10:6443/api?timeout=32s": dial tcp 10.0.0.10:6443: connect: connection refused\nThe connection to the server 10.0.0.10:6443 was refused - did you specify the right host or port?\n',
      credentials: admin,
      kubectl: tool('kubectl', '/usr/bin/kubectl'),
      user: 'root',
    });
    expect(failure?.problem).toBe('down');
    expect(failure?.reason).toMatch(/refused the connection \(10.0.0.10:6443\): it is down/);
  });

  it('an unreadable kubeconfig, refused credentials, too narrow credentials: never down', () => {
    const base = {
      credentials: admin,
      kubectl: tool('kubectl', '/usr/bin/kubectl'),
      user: 'ks-user',
      code: 1,
    };
    expect(
      apiFailure({
        ...base,
        stderr:
          'error: error loading config file "/etc/kubernetes/admin.conf": open /etc/kubernetes/admin.conf: permission denied\n',
      })?.problem,
    ).toBe('no-credentials');
    expect(
      apiFailure({ ...base, stderr: 'error: You must be logged in to the server (Unauthorized)\n' })?.problem,
    ).toBe('unauthorized');
    const kubelet: ApiCredentials = { ...admin, kubeconfig: '/etc/kubernetes/kubelet.conf', kind: 'kubelet' };
    const forbidden = apiFailure({
      ...base,
      credentials: kubelet,
      stderr:
        'Error from server (Forbidden): nodes "node02" is forbidden: User "system:node:node01" cannot get resource "nodes" in API group "" at the cluster scope: node \'node01\' cannot read \'node02\', only its own Node object\n',
    });
    expect(forbidden?.problem).toBe('forbidden');
    expect(forbidden?.reason).toMatch(/the kubelet's own, limited to its node/);
  });

  it('no kubectl anywhere says where it was looked for', () => {
    expect(
      apiFailure({ code: null, stderr: '', credentials: admin, kubectl: tool('kubectl', null), user: 'u' }),
    ).toEqual({
      problem: 'no-kubectl',
      reason: 'kubectl not found in PATH (/usr/bin:/bin) or /var/lib/rancher/rke2/bin.',
    });
  });
});

const rke2: RuntimeEndpointInfo = {
  endpoint: 'unix:///run/k3s/containerd/containerd.sock',
  from: 'containerRuntimeEndpoint in /var/lib/rancher/rke2/agent/etc/kubelet.conf.d/00-rke2-defaults.conf',
  crictlConfig: '/var/lib/rancher/rke2/agent/etc/crictl.yaml',
  runtime: 'containerd',
};

describe('runtimeFailure', () => {
  it('crictl not found: where it was looked for, not "not installed"', () => {
    expect(
      runtimeFailure({
        code: null,
        stderr: '',
        crictl: tool('crictl', null),
        runtime: rke2,
        user: 'u',
        what: 'pods',
      }),
    ).toBe('crictl not found in PATH (/usr/bin:/bin) or /var/lib/rancher/rke2/bin.');
  });

  it('a root-only socket read without root', () => {
    const stderr =
      'time="2024-06-11T08:15:07Z" level=fatal msg="validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///run/k3s/containerd/containerd.sock\\": rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /run/k3s/containerd/containerd.sock: connect: permission denied\\""\n';
    expect(
      runtimeFailure({
        code: 1,
        stderr,
        crictl: tool('crictl', '/var/lib/rancher/rke2/bin/crictl'),
        runtime: rke2,
        user: 'ks-user',
        what: 'pods',
      }),
    ).toBe(
      "No permission as ks-user to connect to the runtime socket /run/k3s/containerd/containerd.sock (it is root's).",
    );
  });

  it('nothing listening: the endpoint and where it came from', () => {
    const stderr =
      'time="2024-06-11T08:15:07Z" level=fatal msg="validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///run/k3s/containerd/containerd.sock\\": rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /run/k3s/containerd/containerd.sock: connect: no such file or directory\\""\n';
    const text = runtimeFailure({
      code: 1,
      stderr,
      crictl: tool('crictl', '/var/lib/rancher/rke2/bin/crictl'),
      runtime: rke2,
      user: 'root',
      what: 'pods',
    });
    expect(text).toMatch(
      /^Nothing listens on unix:\/\/\/run\/k3s\/containerd\/containerd.sock \(containerRuntimeEndpoint in .*00-rke2-defaults.conf\): the container runtime \(containerd\) is not running there/,
    );
  });

  it('a warning alone is no failure', () => {
    expect(
      runtimeFailure({
        code: 0,
        stderr:
          'time="2024-06-11T08:15:07Z" level=warning msg="Config \\"/etc/crictl.yaml\\" does not exist, trying next: \\"/usr/bin/crictl.yaml\\""\n',
        crictl: tool('crictl', '/usr/bin/crictl'),
        runtime: rke2,
        user: 'root',
        what: 'pods',
      }),
    ).toBeNull();
  });
});
