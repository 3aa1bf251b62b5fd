/**
 * Discovery's second round trip run for real against a tree of files laid out as the set-ups
 * lay them out (docs/distributions.md), with GNU tools and busybox alone: files read or refused
 * or missing, a drop-in tree with a subdirectory, globs, kubeconfigs, and for k3s the
 * `Running kubelet` line found in a journalctl stand-in.
 */
import { describe, expect, it } from 'vitest';
import {
  discoveryFilesCommand,
  isMissing,
  parseDiscoveryFiles,
} from '../../../../src-main/node/discovery/discovery-files';
import { dropInOrder } from '../../../../src-main/node/discovery/drop-in-order';
import { probesParam } from '../../../../src-main/node/discovery/kubelet-version-probe';
import { localSession, tempTree } from './local-shell';

describe.each([
  { label: 'GNU tools', busybox: false },
  { label: 'busybox only', busybox: true },
])('discovery files with $label', ({ busybox }) => {
  it('reads files, tells refused from missing, lists and reads the drop-in tree', async () => {
    const root = tempTree({
      'etc/kubelet/config.yaml': { text: 'staticPodPath: /etc/kubernetes/manifests\n' },
      'etc/kubelet/secret.yaml': { text: 'x', mode: 0o600 },
      'conf.d/00-defaults.conf': { text: 'a: 1\n' },
      'conf.d/20-cli-config-dir/50-x.conf': { text: 'b: 2\n' },
      'conf.d/notes.txt': { text: 'ignored' },
      'rancher/config.yaml.d/10-a.yaml': { text: 'node-name: a\n' },
      'kube/admin.conf': { text: 'apiVersion: v1\n', mode: 0o600 },
    });
    const command = discoveryFilesCommand({
      files: [`${root}/etc/kubelet/config.yaml`, `${root}/etc/kubelet/secret.yaml`, `${root}/missing.yaml`],
      dropInDirs: [`${root}/conf.d`, `${root}/no-such-dir`],
      globs: [`${root}/rancher/config.yaml.d/*.yaml`],
      kubeconfigs: [`${root}/kube/admin.conf`, `${root}/kube/kubelet.conf`],
      toolTriples: [],
      kubeletPid: process.pid,
      k3sJournal: null,
      versionProbes: '',
    });
    const asNobody = parseDiscoveryFiles(
      (await localSession({ busybox, user: 'nobody' }).run(command)).stdout,
    );
    expect(asNobody.files.get(`${root}/etc/kubelet/config.yaml`)).toEqual({
      path: `${root}/etc/kubelet/config.yaml`,
      text: 'staticPodPath: /etc/kubernetes/manifests\n',
    });
    const refused = asNobody.files.get(`${root}/etc/kubelet/secret.yaml`);
    expect(refused && 'error' in refused ? refused.error : '').toMatch(/Permission denied/);
    expect(isMissing(asNobody.files.get(`${root}/missing.yaml`))).toBe(true);
    expect(asNobody.kubeconfigs.get(`${root}/kube/admin.conf`)).toBe('unreadable');
    expect(asNobody.kubeconfigs.get(`${root}/kube/kubelet.conf`)).toBe('absent');
    // This test process is root's: nobody may not read where its stderr goes.
    expect(asNobody.stderrTarget).toBeNull();

    const asRoot = parseDiscoveryFiles((await localSession({ busybox }).run(command)).stdout);
    const listing = asRoot.dropInDirs.get(`${root}/conf.d`);
    expect(listing && 'entries' in listing ? dropInOrder(listing.entries) : []).toEqual([
      `${root}/conf.d/00-defaults.conf`,
      `${root}/conf.d/20-cli-config-dir/50-x.conf`,
    ]);
    expect(asRoot.files.get(`${root}/conf.d/20-cli-config-dir/50-x.conf`)).toMatchObject({ text: 'b: 2\n' });
    expect(asRoot.files.has(`${root}/conf.d/notes.txt`)).toBe(false);
    expect(asRoot.dropInDirs.get(`${root}/no-such-dir`)).toEqual({
      missing: true,
      error: 'it does not exist',
    });
    expect(asRoot.files.get(`${root}/rancher/config.yaml.d/10-a.yaml`)).toMatchObject({
      text: 'node-name: a\n',
    });
    expect(asRoot.kubeconfigs.get(`${root}/kube/admin.conf`)).toBe('readable');
    expect(asRoot.stderrTarget).not.toBeNull();
  });

  it("finds k3s's `Running kubelet` line of the current run", async () => {
    const line =
      'time="2024-06-11T08:15:02Z" level=info msg="Running kubelet --cloud-provider=external --config-dir=/var/lib/rancher/k3s/agent/etc/kubelet.conf.d --hostname-override=edge-box-4f2a9c1e --kubeconfig=/var/lib/rancher/k3s/agent/kubelet.kubeconfig --node-ip=10.0.0.21 --node-labels= --read-only-port=0"';
    const bin = tempTree({
      journalctl: {
        text: `#!/bin/sh\n[ "$1 $2 $3 $4" = "-u k3s-agent.service -o cat" ] || exit 1\necho 'time="2024-06-11T08:15:01Z" level=info msg="Starting k3s agent v1.31.1+k3s1"'\necho '${line}'\necho '${line.replace('edge-box-4f2a9c1e', 'stale')}'\n`,
        mode: 0o755,
      },
    });
    const command = discoveryFilesCommand({
      files: [],
      dropInDirs: [],
      globs: [],
      kubeconfigs: [],
      toolTriples: [],
      kubeletPid: null,
      k3sJournal: { journalctl: `${bin}/journalctl`, unit: 'k3s-agent.service', since: 1718093700 },
      versionProbes: '',
    });
    const read = parseDiscoveryFiles((await localSession({ busybox }).run(command)).stdout);
    expect(read.k3sKubeletLine).toBe(
      '--cloud-provider=external --config-dir=/var/lib/rancher/k3s/agent/etc/kubelet.conf.d --hostname-override=edge-box-4f2a9c1e --kubeconfig=/var/lib/rancher/k3s/agent/kubelet.kubeconfig --node-ip=10.0.0.21 --node-labels= --read-only-port=0',
    );
  });

  it("asks the kubelet's binary its version, every probe in turn, with the arguments it was given", async () => {
    const bin = tempTree({
      'not-executable': { text: '#!/bin/sh\necho "Kubernetes v9.9.9"\n', mode: 0o644 },
      'dir with space/kubelet': {
        text: '#!/bin/sh\n[ "$1 $2" = "script.js --version" ] || exit 2\necho "Kubernetes v1.31.4"\n',
        mode: 0o755,
      },
      interpreter: { text: '#!/bin/sh\necho "v20.20.2"\n', mode: 0o755 },
    });
    const command = discoveryFilesCommand({
      files: [],
      dropInDirs: [],
      globs: [],
      kubeconfigs: [],
      toolTriples: [],
      kubeletPid: null,
      k3sJournal: null,
      versionProbes: probesParam([
        { argv: [`${bin}/not-executable`], source: 'kubelet-binary' },
        { argv: [`${bin}/dir with space/kubelet`, 'script.js'], source: 'kubelet-binary' },
        { argv: [`${bin}/interpreter`], source: 'kubelet-binary' },
      ]),
    });
    const read = parseDiscoveryFiles((await localSession({ busybox }).run(command)).stdout);
    expect(read.versionAnswers?.map((a) => [a.command, a.exitCode, a.output])).toEqual([
      [`${bin}/not-executable`, 126, expect.stringMatching(/[Pp]ermission denied/)],
      [`${bin}/dir with space/kubelet script.js`, 0, 'Kubernetes v1.31.4\n'],
      [`${bin}/interpreter`, 0, 'v20.20.2\n'],
    ]);
  });
});
