/**
 * The pods snapshot's one round trip runs the tools by the absolute paths discovery found, with
 * the kubelet's endpoint and the node's kubeconfig — never by name on sudo's PATH — finds the
 * process that runs the kubelet by unit or by name (a /proc scan: busybox has no pgrep), and
 * reads the kubelet's log window where it is. Run for real with stand-in tools that record how
 * they were called.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBatchOutput } from '../../../src-main/node/batch/batch-script';
import { parseKubeletProcessSection } from '../../../src-main/node/discovery/discover';
import { podsSnapshotPlanCommand } from '../../../src-main/node/snapshot/pods-snapshot-command';
import { localSession, tempTree } from './discovery/local-shell';

const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill('SIGKILL')));

describe.each([
  { label: 'GNU tools', busybox: false },
  { label: 'busybox only', busybox: true },
])('the pods snapshot plan with $label', ({ busybox }) => {
  it('runs crictl and kubectl by path with their options, finds the kubelet host, reads the log file', async () => {
    const root = tempTree({
      'rke2/bin/crictl': {
        text: '#!/bin/sh\nprintf "%s\\n" "$*" >> "$0.argv"\necho \'{"items":[]}\'\n',
        mode: 0o755,
      },
      'rke2/bin/kubectl': {
        text: '#!/bin/sh\nprintf "%s\\n" "$*" >> "$0.argv"\necho \'{"items":[]}\'\n',
        mode: 0o755,
      },
      'logs/kubelet.log': {
        text: 'E0611 08:15:07.000000    4242 file.go:208] "Could not process manifest file" path="/x.yaml"\n',
      },
      'bin/ks-kubelet-host': { link: '/usr/bin/sleep' },
    });
    const host = spawn(path.join(root, 'bin/ks-kubelet-host'), ['30'], { stdio: 'ignore' });
    children.push(host);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const command = podsSnapshotPlanCommand({
      nodeName: 'rke2-server-1',
      staticPodPath: null,
      apiMode: 'node',
      kubeconfig: '/etc/rancher/rke2/rke2.yaml',
      crictl: [
        `${root}/rke2/bin/crictl`,
        '--config',
        '/var/lib/rancher/rke2/agent/etc/crictl.yaml',
        '--runtime-endpoint',
        'unix:///run/k3s/containerd/containerd.sock',
      ],
      kubectl: [`${root}/rke2/bin/kubectl`],
      confirmNodeName: true,
      kubeletUnit: null,
      kubeletComm: 'ks-kubelet-host',
      log: { kind: 'file', file: `${root}/logs/kubelet.log`, seconds: 60 },
    });
    const sections = parseBatchOutput((await localSession({ busybox }).run(command)).stdout);
    expect(sections.get('sandboxes')?.code).toBe(0);
    expect(fs.readFileSync(`${root}/rke2/bin/crictl.argv`, 'utf8')).toBe(
      [
        '--config /var/lib/rancher/rke2/agent/etc/crictl.yaml --runtime-endpoint unix:///run/k3s/containerd/containerd.sock pods -o json',
        '--config /var/lib/rancher/rke2/agent/etc/crictl.yaml --runtime-endpoint unix:///run/k3s/containerd/containerd.sock ps -a -o json',
        '',
      ].join('\n'),
    );
    expect(fs.readFileSync(`${root}/rke2/bin/kubectl.argv`, 'utf8')).toBe(
      [
        '--kubeconfig /etc/rancher/rke2/rke2.yaml get pods -A -o json --field-selector spec.nodeName=rke2-server-1',
        '--kubeconfig /etc/rancher/rke2/rke2.yaml get node rke2-server-1 -o name',
        '--kubeconfig /etc/rancher/rke2/rke2.yaml get nodes -o json',
        '',
      ].join('\n'),
    );
    expect(parseKubeletProcessSection(sections.get('kubelet'))?.pid).toBe(host.pid);
    expect(sections.get('logwin')?.stdout.toString()).toContain('Could not process manifest file');
  });

  it('a tool discovery did not find is not looked up by name: the section says so', async () => {
    const command = podsSnapshotPlanCommand({
      nodeName: 'n',
      staticPodPath: null,
      apiMode: 'none',
      kubeconfig: null,
      crictl: [],
      kubectl: [],
      confirmNodeName: false,
      kubeletUnit: null,
      kubeletComm: 'no-such-comm',
      log: { kind: 'none' },
    });
    const sections = parseBatchOutput(
      (await localSession({ busybox, pathPrefix: '/usr/bin' }).run(command)).stdout,
    );
    expect(sections.get('sandboxes')).toMatchObject({ code: 127, stderr: 'crictl not found\n' });
    expect(sections.has('api')).toBe(false);
    expect(parseKubeletProcessSection(sections.get('kubelet'))?.pid).toBeNull();
  });
});
