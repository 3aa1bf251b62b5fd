/**
 * Why crictl could not show the runtime, in words that name the binary, the endpoint and the
 * user: "crictl not found in PATH (…) or /var/lib/rancher/rke2/bin" (the resolution's own
 * account), "no permission as ks-user to connect to the runtime socket …", "nothing listens on
 * unix:///run/k3s/containerd/containerd.sock" — never "crictl is not installed" from a sudo that
 * only failed to find it on secure_path. crictl's own warnings are not errors (docs/kubelet.md §3.5).
 */
import type { RuntimeEndpointInfo, ToolRef } from '../../contract/domain/node-setup';
import { accessFailure } from '../session/access-failure';
import { crictlFailureMessage } from './crictl-own-lines';

export interface RuntimeFailureInput {
  /** Exit status and stderr of a crictl call; code null when crictl was not run. */
  code: number | null;
  stderr: string;
  crictl: ToolRef;
  runtime: RuntimeEndpointInfo;
  user: string;
  /** `pods`, `ps`: which call. */
  what: string;
}

export function runtimeFailure(input: RuntimeFailureInput): string | null {
  const { crictl, runtime } = input;
  if (!crictl.path) return `${crictl.missing ?? 'crictl not found on the node'}.`;
  if (input.code === 0) return null;
  if (input.code === null) return `crictl did not run (${input.what}).`;
  if (input.code === 127 || input.code === 126)
    return `crictl could not be run at ${crictl.argv.join(' ')}: ${input.stderr.trim().split('\n').pop() || 'not executable'}.`;
  const refused = accessFailure(input.stderr, input.user);
  if (refused) return `${refused.reason[0]?.toUpperCase()}${refused.reason.slice(1)}.`;
  const message =
    crictlFailureMessage(input.stderr) ?? (input.stderr.trim().split('\n').pop() || `exit ${input.code}`);
  const endpoint = runtime.endpoint ?? 'the default endpoints';
  if (/connect: no such file or directory|connect: connection refused/.test(message)) {
    return `Nothing listens on ${endpoint} (${runtime.from}): the container runtime${runtime.runtime ? ` (${runtime.runtime})` : ''} is not running there. crictl said: ${message}`;
  }
  return `crictl ${input.what} failed (${crictl.version ?? crictl.path}, endpoint ${endpoint}): ${message}`;
}
