/**
 * The runtime's settings (cgroup driver, pause image, CNI directory) from `crictl info` of each
 * runtime, read once (node/cri/crictl-runtime-info.ts) and completed from the runtime's config
 * files (node/runtime-config/runtime-settings.ts). The shapes follow each runtime's source, cited
 * beside each sample: crictl prints the CRI Status with each verbose info key parsed from its
 * JSON string [src: cri-tools cmd/crictl/util.go outputStatusData].
 */
import { describe, expect, it } from 'vitest';
import { parseCrictlInfo } from '../../../src-main/node/cri/crictl-runtime-info';
import { readRuntimeSettings } from '../../../src-main/node/runtime-config/runtime-settings';

const READY = [
  { type: 'RuntimeReady', status: true, reason: '', message: '' },
  { type: 'NetworkReady', status: true, reason: '', message: '' },
];

// containerd v1.7: the CRI plugin's whole config [src: containerd pkg/cri/config/config.go, v1.7].
const CONTAINERD_17 = JSON.stringify({
  cniconfig: { PluginDirs: ['/opt/cni/bin'], PluginConfDir: '/etc/cni/net.d', Prefix: 'eth' },
  config: {
    cni: { binDir: '/opt/cni/bin', confDir: '/etc/cni/net.d', maxConfNum: 1, setupSerially: false },
    containerd: {
      defaultRuntimeName: 'runc',
      runtimes: {
        runc: {
          options: { BinaryName: '', Root: '', ShimCgroup: '', SystemdCgroup: true },
          runtimeType: 'io.containerd.runc.v2',
          sandboxMode: 'podsandbox',
        },
      },
      snapshotter: 'overlayfs',
    },
    registry: { configPath: '/etc/containerd/certs.d' },
    sandboxImage: 'registry.k8s.io/pause:3.8',
  },
  golang: 'go1.22.10',
  lastCNILoadStatus: 'OK',
  'lastCNILoadStatus.default': 'OK',
  status: { conditions: READY },
});

// containerd v2.x: c.config is the runtime config only; images (the pinned sandbox image) are
// another plugin's, so not here; a condition of its own [src: containerd
// internal/cri/server/status.go, internal/cri/config/config.go, v2.1].
const CONTAINERD_2 = JSON.stringify({
  config: {
    cni: { binDirs: ['/opt/cni/bin'], confDir: '/etc/cni/net.d', maxConfNum: 1 },
    containerd: {
      defaultRuntimeName: 'runc',
      runtimes: {
        runc: {
          options: { SystemdCgroup: false },
          runtimeType: 'io.containerd.runc.v2',
          sandboxer: 'podsandbox',
        },
      },
    },
    containerdEndpoint: '/run/containerd/containerd.sock',
    containerdRootDir: '/var/lib/containerd',
    rootDir: '/var/lib/containerd/io.containerd.grpc.v1.cri',
    stateDir: '/run/containerd/io.containerd.grpc.v1.cri',
  },
  golang: 'go1.23.6',
  lastCNILoadStatus:
    'cni config load failed: no network config found in /etc/cni/net.d: cni plugin not initialized',
  runtimeHandlers: [{ name: 'runc', features: { recursive_read_only_mounts: true, user_namespaces: true } }],
  status: {
    conditions: [
      READY[0],
      {
        type: 'NetworkReady',
        status: false,
        reason: 'NetworkPluginNotReady',
        message: 'Network plugin returns error: cni plugin not initialized',
      },
      {
        type: 'ContainerdHasNoDeprecationWarnings',
        status: false,
        reason: 'ContainerdHasDeprecationWarnings',
        message: '{"io.containerd.deprecation/cri-registry-configs":"The `configs` property of …"}',
      },
    ],
  },
});

const CONTAINERD_2_TOML = `version = 3
[plugins.'io.containerd.cri.v1.images'.pinned_images]
  sandbox = 'registry.k8s.io/pause:3.10'
`;

// CRI-O before v1.33: only its pause image [src: cri-o server/runtime_status.go, v1.30].
const CRIO_130 = JSON.stringify({
  config: { sandboxImage: 'registry.k8s.io/pause:3.9' },
  runtimeHandlers: [{ name: 'runc' }, { name: '' }],
  status: { conditions: READY },
});

// CRI-O v1.33 on: also its RuntimeConfig, with Go's field names [src: cri-o
// server/runtime_status.go createRuntimeInfo, pkg/config/config.go RuntimeConfig].
const CRIO_133 = JSON.stringify({
  config: {
    crio: {
      CgroupManagerName: 'cgroupfs',
      ConmonCgroup: '',
      DefaultRuntime: 'crun',
      Runtimes: { crun: { RuntimePath: '/usr/libexec/crio/crun', RuntimeType: 'oci' } },
    },
    sandboxImage: 'registry.k8s.io/pause:3.10',
  },
  runtimeHandlers: [{ name: 'crun' }, { name: '' }],
  status: { conditions: READY },
});

describe('crictl info of each runtime', () => {
  it('containerd 1.7: cgroup driver, pause image, CNI and registry directories from its CRI config', () => {
    const s = readRuntimeSettings(CONTAINERD_17, []);
    expect(s).toMatchObject({
      runtime: 'containerd',
      cgroupDriver: {
        value: 'systemd',
        from: 'crictl info: config.containerd.runtimes.runc.options.SystemdCgroup = true',
      },
      sandboxImage: { value: 'registry.k8s.io/pause:3.8', from: 'crictl info: config.sandboxImage' },
      cniConfDir: { value: '/etc/cni/net.d' },
      registryConfigPath: { value: '/etc/containerd/certs.d' },
      networkNotReady: null,
      problems: [],
    });
  });

  it('containerd 2.x: the cgroup driver from its info, the pause image from config.toml (version 3)', () => {
    const s = readRuntimeSettings(CONTAINERD_2, [
      { path: '/etc/containerd/config.toml', content: CONTAINERD_2_TOML },
    ]);
    expect(s).toMatchObject({
      runtime: 'containerd',
      cgroupDriver: { value: 'cgroupfs', from: expect.stringContaining('crictl info') },
      sandboxImage: {
        value: 'registry.k8s.io/pause:3.10',
        from: '/etc/containerd/config.toml: plugins.io.containerd.cri.v1.images.pinned_images.sandbox',
      },
      // NetworkReady, not containerd's own deprecation condition.
      networkNotReady: {
        reason: 'NetworkPluginNotReady',
        message: 'Network plugin returns error: cni plugin not initialized',
      },
    });
    const info = parseCrictlInfo(CONTAINERD_2);
    expect(info.ok && info.info.notReady).toHaveLength(2);
  });

  it('CRI-O before 1.33: the pause image from its info, the cgroup manager from its drop-ins', () => {
    const s = readRuntimeSettings(CRIO_130, [
      { path: '/etc/crio/crio.conf', content: '[crio.runtime]\ncgroup_manager = "systemd"\n' },
      {
        path: '/etc/crio/crio.conf.d/10-cgroupfs.conf',
        content: '[crio.runtime]\ncgroup_manager = "cgroupfs"\n',
      },
    ]);
    expect(s).toMatchObject({
      runtime: 'cri-o',
      cgroupDriver: {
        value: 'cgroupfs',
        from: '/etc/crio/crio.conf.d/10-cgroupfs.conf: cgroup_manager = "cgroupfs"',
      },
      sandboxImage: { value: 'registry.k8s.io/pause:3.9', from: 'crictl info: config.sandboxImage' },
    });
  });

  it('CRI-O 1.33 and later: the cgroup manager from its info, even with no config file read', () => {
    const s = readRuntimeSettings(CRIO_133, []);
    expect(s).toMatchObject({
      runtime: 'cri-o',
      cgroupDriver: { value: 'cgroupfs', from: 'crictl info: config.crio.CgroupManagerName = "cgroupfs"' },
      sandboxImage: { value: 'registry.k8s.io/pause:3.10' },
    });
    const info = parseCrictlInfo(CRIO_133);
    expect(info.ok && info.info.runtimeHandlers).toEqual(['crun', '']);
  });

  it('output that is not JSON is a problem said in words, and the files still count', () => {
    const s = readRuntimeSettings('FATA[0000] validate service connection: …', [
      { path: '/etc/containerd/config.toml', content: CONTAINERD_2_TOML },
    ]);
    expect(s.problems[0]).toMatch(/^crictl info was not readable JSON/);
    expect(s.cgroupDriver?.value).toBe('cgroupfs');
    expect(s.cgroupDriver?.from).toContain("containerd's default is false");
  });
});
