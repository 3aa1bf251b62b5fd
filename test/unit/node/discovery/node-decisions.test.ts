/**
 * Discovery's decisions for each set-up, from realistic inputs (docs/distributions.md): where a
 * missing tool was looked for, which runtime endpoint crictl gets, what the node is called and
 * how that was found, where the kubelet's log is.
 */
import { describe, expect, it } from 'vitest';
import {
  parseCommandLineFlags,
  parseKubeletCommandLine,
} from '../../../../src-main/node/discovery/command-line-flags';
import { parseEnvironmentFile, readK3sSettings } from '../../../../src-main/node/discovery/k3s-settings';
import { kubeletLogLocation } from '../../../../src-main/node/discovery/kubelet-log-location';
import {
  localIpv4FromFibTrie,
  matchNodeByAddress,
  nodeAddressesFromList,
  nodeName,
} from '../../../../src-main/node/discovery/node-name';
import {
  crictlGlobalArgs,
  normaliseEndpoint,
  parseCrictlYaml,
  runtimeEndpoint,
} from '../../../../src-main/node/discovery/runtime-endpoint';
import { resolveTools, toolCandidates, versionLine } from '../../../../src-main/node/discovery/tool-paths';
import { facts, K0S_KUBELET, OPENSHIFT_KUBELET, RKE2_KUBELET } from './node-samples';

describe('tools not found', () => {
  it('say where they were looked for: the user PATH, then the set-up locations', () => {
    const node = facts({ path: ['/usr/bin', '/bin'] });
    const tools = resolveTools(toolCandidates('rke2', node), '', node);
    expect(tools.crictl.missing).toBe(
      'crictl not found in PATH (/usr/bin:/bin) or /var/lib/rancher/rke2/bin, /usr/local/bin, /usr/local/sbin, /usr/sbin, /opt/bin, /snap/bin',
    );
    expect(tools.crictl.argv).toEqual([]);
  });

  it('k3s looks at `k3s crictl` and `k3s kubectl` too, kubeadm does not', () => {
    const node = facts();
    expect(toolCandidates('k3s', node).some((c) => c.argv.join(' ') === '/usr/local/bin/k3s crictl')).toBe(
      true,
    );
    expect(toolCandidates('k0s', node).some((c) => c.argv.join(' ') === '/usr/local/bin/k0s kubectl')).toBe(
      true,
    );
    expect(toolCandidates('kubeadm', node).some((c) => c.argv.length > 1)).toBe(false);
  });
});

describe('the runtime endpoint crictl gets', () => {
  it('kubeadm + containerd: the kubelet flag', () => {
    const info = runtimeEndpoint({
      kind: 'kubeadm',
      kubelet: {
        value: 'unix:///var/run/containerd/containerd.sock',
        source: 'flag',
        from: '--container-runtime-endpoint',
      },
      crictlConfig: null,
    });
    expect(info).toMatchObject({
      endpoint: 'unix:///var/run/containerd/containerd.sock',
      runtime: 'containerd',
    });
    expect(crictlGlobalArgs(info)).toEqual([
      '--runtime-endpoint',
      'unix:///var/run/containerd/containerd.sock',
    ]);
  });

  it("OpenShift's bare socket path becomes a unix:// endpoint; CRI-O is named", () => {
    const info = runtimeEndpoint({
      kind: 'openshift',
      kubelet: { value: '/var/run/crio/crio.sock', source: 'flag', from: '--container-runtime-endpoint' },
      crictlConfig: null,
    });
    expect(info).toMatchObject({ endpoint: 'unix:///var/run/crio/crio.sock', runtime: 'cri-o' });
    expect(normaliseEndpoint('unix:/run/x.sock')).toBe('unix:///run/x.sock');
  });

  it("RKE2: the drop-in's endpoint, and RKE2's crictl.yaml passed with --config", () => {
    const info = runtimeEndpoint({
      kind: 'rke2',
      kubelet: {
        value: 'unix:///run/k3s/containerd/containerd.sock',
        source: 'drop-in',
        from: '/var/lib/rancher/rke2/agent/etc/kubelet.conf.d/00-rke2-defaults.conf',
      },
      crictlConfig: { path: '/var/lib/rancher/rke2/agent/etc/crictl.yaml', text: null },
    });
    expect(crictlGlobalArgs(info)).toEqual([
      '--config',
      '/var/lib/rancher/rke2/agent/etc/crictl.yaml',
      '--runtime-endpoint',
      'unix:///run/k3s/containerd/containerd.sock',
    ]);
  });

  it("k3s whose drop-ins could not be read: its crictl.yaml's endpoint, said to come from there", () => {
    const info = runtimeEndpoint({
      kind: 'k3s',
      kubelet: undefined,
      crictlConfig: {
        path: '/var/lib/rancher/k3s/agent/etc/crictl.yaml',
        text: 'runtime-endpoint: unix:///run/k3s/containerd/containerd.sock\n',
      },
    });
    expect(info).toMatchObject({
      endpoint: 'unix:///run/k3s/containerd/containerd.sock',
      from: 'runtime-endpoint in /var/lib/rancher/k3s/agent/etc/crictl.yaml',
    });
    expect(parseCrictlYaml('runtime-endpoint: unix:///x.sock\ntimeout: 10\n')).toEqual({
      runtimeEndpoint: 'unix:///x.sock',
      imageEndpoint: null,
      timeout: 10,
    });
  });
});

describe('the node name', () => {
  it('--hostname-override, trimmed and lower-cased', () => {
    const info = nodeName({
      kind: 'rke2',
      hostname: 'ip-10-0-0-11',
      kubeletFlags: parseKubeletCommandLine(RKE2_KUBELET.args.slice(1)).flags,
    });
    expect(info).toMatchObject({ name: 'rke2-server-1', certain: true });
    expect(
      nodeName({ kind: 'kubeadm', hostname: 'x', kubeletFlags: new Map([['hostname-override', ' CP-1 ']]) })
        .name,
    ).toBe('cp-1');
  });

  it('an empty --hostname-override (OpenShift) falls back to the host name', () => {
    const info = nodeName({
      kind: 'openshift',
      hostname: 'Worker-0.Example.Com',
      kubeletFlags: parseKubeletCommandLine(OPENSHIFT_KUBELET.args.slice(1)).flags,
    });
    expect(info).toMatchObject({ name: 'worker-0.example.com', certain: true });
  });

  it('an in-tree cloud provider makes the name uncertain', () => {
    const info = nodeName({
      kind: 'kubeadm',
      hostname: 'node-1',
      kubeletFlags: new Map([['cloud-provider', 'aws']]),
    });
    expect(info).toMatchObject({ name: 'node-1', certain: false });
    expect(info.how).toMatch(/--cloud-provider=aws/);
  });

  it('k3s with --with-node-id: the name plus the id from /etc/rancher/node/id', () => {
    const settings = readK3sSettings({
      program: 'k3s',
      args: ['agent'],
      configFiles: [
        { path: '/etc/rancher/k3s/config.yaml', text: 'with-node-id: true\nnode-name: Edge-Box\n' },
      ],
      env: new Map(),
    });
    const info = nodeName({
      kind: 'k3s',
      hostname: 'localhost',
      kubeletFlags: null,
      k3s: settings,
      nodeId: '4f2a9c1e',
    });
    expect(info).toMatchObject({ name: 'edge-box-4f2a9c1e', certain: true });
    expect(info.how).toContain('node-name in /etc/rancher/k3s/config.yaml');
    const unknownId = nodeName({
      kind: 'k3s',
      hostname: 'localhost',
      kubeletFlags: null,
      k3s: settings,
      nodeId: null,
      nodeIdReadable: false,
    });
    expect(unknownId.certain).toBe(false);
  });

  it('k3s settings: command line over config files over the environment, kubelet-arg accumulated', () => {
    const settings = readK3sSettings({
      program: 'k3s',
      args: ['agent', '--node-name=from-cli', '--kubelet-arg=v=2'],
      configFiles: [
        { path: '/etc/rancher/k3s/config.yaml', text: 'node-name: from-file\nkubelet-arg:\n- max-pods=50\n' },
        {
          path: '/etc/rancher/k3s/config.yaml.d/10-logs.yaml',
          text: 'kubelet-arg+:\n- logging-format=json\n',
        },
      ],
      env: parseEnvironmentFile('K3S_TOKEN="secret"\nK3S_NODE_NAME=from-env\n'),
    });
    expect(settings.nodeName).toEqual({ value: 'from-cli', from: '--node-name on the k3s command line' });
    expect(settings.kubeletArgs.map((a) => a.value)).toEqual(['max-pods=50', 'logging-format=json', 'v=2']);
    const envOnly = readK3sSettings({
      program: 'k3s',
      args: ['agent'],
      configFiles: [],
      env: new Map([['K3S_NODE_NAME', 'from-env']]),
    });
    expect(envOnly.nodeName?.from).toBe('K3S_NODE_NAME');
  });

  it('confirms against the API by this host’s addresses', () => {
    const list = JSON.stringify({
      kind: 'NodeList',
      items: [
        { metadata: { name: 'a' }, status: { addresses: [{ type: 'InternalIP', address: '10.0.0.20' }] } },
        {
          metadata: { name: 'edge-box-4f2a9c1e' },
          status: {
            addresses: [
              { type: 'InternalIP', address: '10.0.0.21' },
              { type: 'Hostname', address: 'edge-box' },
            ],
          },
        },
      ],
    });
    expect(matchNodeByAddress(nodeAddressesFromList(list), ['127.0.0.1', '10.0.0.21'])?.name).toBe(
      'edge-box-4f2a9c1e',
    );
    expect(matchNodeByAddress(nodeAddressesFromList('not json'), ['10.0.0.21'])).toBeNull();
  });

  it('reads the host addresses from /proc/net/fib_trie', () => {
    const trie = [
      'Main:',
      '  +-- 0.0.0.0/0 3 0 5',
      '     +-- 10.0.0.0/24 2 0 2',
      '        |-- 10.0.0.21',
      '           /32 host LOCAL',
      '     +-- 127.0.0.0/8 2 0 2',
      '           |-- 127.0.0.1',
      '              /32 host LOCAL',
      '        |-- 127.255.255.255',
      '           /32 link BROADCAST',
    ].join('\n');
    expect(localIpv4FromFibTrie(trie)).toEqual(['10.0.0.21', '127.0.0.1']);
  });
});

describe("where the kubelet's log is", () => {
  const base = {
    role: null,
    unit: null,
    systemd: true,
    loggingFormat: 'text',
    stderrTarget: null,
    dataDir: null,
  };

  it('kubeadm: journal unit and identifier kubelet', () => {
    expect(
      kubeletLogLocation({ ...base, kind: 'kubeadm', unit: 'kubelet.service', kubeletFlags: new Map() }),
    ).toMatchObject({
      kind: 'journal',
      units: ['kubelet'],
      identifiers: ['kubelet'],
      format: 'klog',
      shared: false,
    });
  });

  it('RKE2: the agent/logs/kubelet.log file, whatever the command line says', () => {
    const flags = parseKubeletCommandLine(RKE2_KUBELET.args.slice(1)).flags;
    expect(
      kubeletLogLocation({ ...base, kind: 'rke2', kubeletFlags: flags, stderrTarget: 'pipe:[31337]' }),
    ).toMatchObject({
      kind: 'file',
      file: '/var/lib/rancher/rke2/agent/logs/kubelet.log',
    });
  });

  it('k3s agent: the k3s-agent unit, shared with the embedded components', () => {
    expect(
      kubeletLogLocation({
        ...base,
        kind: 'k3s',
        role: 'agent',
        unit: 'k3s-agent.service',
        kubeletFlags: null,
      }),
    ).toMatchObject({
      kind: 'journal',
      units: ['k3s-agent'],
      identifiers: ['k3s'],
      shared: true,
    });
  });

  it('k0s: the k0sworker unit, lines wrapped by k0s', () => {
    const flags = parseKubeletCommandLine(K0S_KUBELET.args.slice(1)).flags;
    expect(kubeletLogLocation({ ...base, kind: 'k0s', role: 'worker', kubeletFlags: flags })).toMatchObject({
      units: ['k0sworker'],
      format: 'k0s',
    });
  });

  it('--log-file counts only with --logtostderr=false (klog ignores it otherwise)', () => {
    const toFile = parseCommandLineFlags(['--log-file=/var/log/kubelet.log', '--logtostderr=false'], {
      bools: new Set(['logtostderr']),
    });
    expect(kubeletLogLocation({ ...base, kind: 'kubelet', kubeletFlags: toFile.flags })).toMatchObject({
      kind: 'file',
      file: '/var/log/kubelet.log',
    });
    const ignored = parseKubeletCommandLine(['--log-file=/var/log/kubelet.log']);
    expect(kubeletLogLocation({ ...base, kind: 'kubelet', kubeletFlags: ignored.flags }).kind).toBe(
      'journal',
    );
  });

  it('a kubelet whose stderr is a file (kube-log-runner) logs there; JSON logging is noted', () => {
    expect(
      kubeletLogLocation({
        ...base,
        kind: 'kubeadm',
        kubeletFlags: new Map(),
        stderrTarget: '/var/log/kubelet.log',
        loggingFormat: 'json',
      }),
    ).toMatchObject({ kind: 'file', file: '/var/log/kubelet.log', format: 'json' });
  });
});

describe('a tool version is a version or nothing', () => {
  it('reads the version lines crictl, kubectl and journalctl print', () => {
    expect(versionLine('crictl', 'crictl version v1.32.0\n')).toBe('crictl version v1.32.0');
    expect(versionLine('kubectl', 'Client Version: v1.30.1\nKustomize Version: v5.0.4\n')).toBe(
      'kubectl v1.30.1',
    );
    expect(versionLine('journalctl', 'systemd 252 (252.22-1~deb12u1)\n+PAM +AUDIT\n')).toBe(
      'systemd 252 (252.22-1~deb12u1)',
    );
  });

  it('never takes an error for a version', () => {
    const refused = 'time="2026-12-03T15:41:47Z" level=fatal msg="flag provided but not defined: -version"';
    expect(versionLine('crictl', refused)).toBeNull();
    expect(versionLine('kubectl', 'error: unknown flag: --client\n')).toBeNull();
    expect(versionLine('journalctl', 'journalctl: unrecognized option\n')).toBeNull();
  });
});
