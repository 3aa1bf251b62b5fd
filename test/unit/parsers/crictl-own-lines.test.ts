/**
 * Crash evidence keeps the container's own lines: a container that logs with logrus (kube-vip
 * and most Go programs) prints `time="…" level=… msg="…"` exactly as crictl does, so only
 * crictl's own messages (kubernetes-sigs/cri-tools cmd/crictl logrus calls, docs/kubelet.md
 * §3.5) and, when crictl failed, its closing error are dropped.
 */
import { describe, expect, it } from 'vitest';
import {
  containerOwnLines,
  crictlFailureMessage,
  isCrictlOwnLine,
} from '../../../src-main/node/cri/crictl-own-lines';

// kube-vip's own lines (logrus text formatter, no TTY), as `crictl logs` prints them.
const KUBE_VIP = [
  'time="2024-06-11T08:15:02Z" level=info msg="Starting kube-vip.io [v0.8.0]"',
  'time="2024-06-11T08:15:02Z" level=info msg="namespace [kube-system], Mode: [ARP], Features(s): Control Plane:[true], Services:[false]"',
  'time="2024-06-11T08:15:02Z" level=info msg="prometheus HTTP server started"',
  'time="2024-06-11T08:15:07Z" level=fatal msg="unable to load kubeconfig: open /etc/kubernetes/super-admin.conf: no such file or directory"',
];

const CRICTL_NOISE = [
  'time="2024-06-11T08:20:00Z" level=warning msg="Config \\"/etc/crictl.yaml\\" does not exist, trying next: \\"/usr/bin/crictl.yaml\\""',
  'time="2024-06-11T08:20:00Z" level=warning msg="runtime connect using default endpoints: [unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]. As the default settings are now deprecated, you should set the endpoint instead."',
  'time="2024-06-11T08:20:00Z" level=debug msg="Connected successfully using endpoint: unix:///run/containerd/containerd.sock"',
  'WARN[0000] Config "/etc/crictl.yaml" does not exist, trying next: "/usr/local/bin/crictl.yaml"',
];

describe('containerOwnLines', () => {
  it("keeps a logrus container's lines, fatal included, and drops crictl's warnings around them", () => {
    const output = [CRICTL_NOISE[0], CRICTL_NOISE[1], ...KUBE_VIP, CRICTL_NOISE[2]].join('\n') + '\n';
    expect(containerOwnLines(output, 0)).toEqual(KUBE_VIP);
  });

  it("when crictl fails, its closing error is crictl's, not the container's", () => {
    const output = [
      CRICTL_NOISE[3],
      'time="2024-06-11T08:20:01Z" level=fatal msg="rpc error: code = NotFound desc = an error occurred when try to find container \\"5b1c\\": not found"',
    ].join('\n');
    expect(containerOwnLines(output, 1)).toEqual([]);
    expect(crictlFailureMessage(output)).toBe(
      'rpc error: code = NotFound desc = an error occurred when try to find container "5b1c": not found',
    );
  });

  it('keeps plain lines, klog lines and empty lines of the container', () => {
    const lines = ['E0611 08:15:07.123456       1 main.go:42] boom', '', 'panic: runtime error'];
    expect(containerOwnLines(lines.join('\n') + '\n', 0)).toEqual(lines);
  });

  it('recognises only crictl messages as its own', () => {
    for (const line of CRICTL_NOISE) expect(isCrictlOwnLine(line)).toBe(true);
    for (const line of KUBE_VIP) expect(isCrictlOwnLine(line)).toBe(false);
  });
});
