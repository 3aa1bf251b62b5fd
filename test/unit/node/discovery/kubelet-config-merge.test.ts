/**
 * The kubelet's effective configuration computed as cmd/kubelet/app/server.go computes it
 * (docs/kubelet.md §6): config file with v1beta1 defaults, `--config-dir` drop-ins in WalkDir
 * order as JSON merge patches, flags last. Inputs are the files real set-ups write
 * (docs/distributions.md): kubeadm's config.yaml, RKE2's and k3s's drop-in trees, the example of
 * kubernetes/website "Kubelet Configuration Directory Merging".
 */
import { describe, expect, it } from 'vitest';
import {
  parseCommandLineFlags,
  parseKubeletCommandLine,
} from '../../../../src-main/node/discovery/command-line-flags';
import {
  dropInOrder,
  goExt,
  parseDropInListing,
  walkDirCompare,
} from '../../../../src-main/node/discovery/drop-in-order';
import {
  computeKubeletConfig,
  fileCheckSeconds,
  goDurationSeconds,
} from '../../../../src-main/node/discovery/kubelet-config-merge';

// /var/lib/kubelet/config.yaml as kubeadm writes it (published copies; docs/kubelet.md §6).
const KUBEADM_CONFIG = `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;

// kubeadm's drop-in runs: kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS
const KUBEADM_ARGV = [
  '--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf',
  '--kubeconfig=/etc/kubernetes/kubelet.conf',
  '--config=/var/lib/kubelet/config.yaml',
  '--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock',
  '--pod-infra-container-image=registry.k8s.io/pause:3.9',
];

const KUBELET_CONF = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n';

describe('command-line flags, read as pflag reads them', () => {
  it('takes --name=value, --name value, bare booleans, -v shorthands, and `_` as `-`', () => {
    const parsed = parseKubeletCommandLine([
      '--config',
      '/var/lib/kubelet/config.yaml',
      '--fail-swap-on',
      '--pod_manifest_path=/srv/pods',
      '-v=2',
      '--node-labels',
      '--not-a-value-but-taken',
    ]);
    expect(parsed.flags.get('config')).toBe('/var/lib/kubelet/config.yaml');
    expect(parsed.flags.get('fail-swap-on')).toBe('true');
    expect(parsed.flags.get('pod-manifest-path')).toBe('/srv/pods');
    expect(parsed.flags.get('v')).toBe('2');
    // pflag gives a value flag the next argument whatever it looks like.
    expect(parsed.flags.get('node-labels')).toBe('--not-a-value-but-taken');
    expect(parseKubeletCommandLine(['-v', '4']).flags.get('v')).toBe('4');
    expect(parseKubeletCommandLine(['-v3']).flags.get('v')).toBe('3');
  });

  it('lets the last occurrence win, and keeps repeatable flags in order (k3s --kubelet-arg)', () => {
    expect(parseKubeletCommandLine(['--v=1', '--v=4']).flags.get('v')).toBe('4');
    const k3s = parseCommandLineFlags(
      ['agent', '--kubelet-arg=config-dir=/etc/kubelet.d', '--kubelet-arg', 'v=2', '--with-node-id'],
      { bools: new Set(['with-node-id']), repeatable: new Set(['kubelet-arg']) },
    );
    expect(k3s.positionals).toEqual(['agent']);
    expect(k3s.repeated.get('kubelet-arg')).toEqual(['config-dir=/etc/kubelet.d', 'v=2']);
    expect(k3s.flags.get('with-node-id')).toBe('true');
  });
});

describe('the drop-in order (filepath.WalkDir, .conf only)', () => {
  it('counts only names whose Go extension is .conf', () => {
    expect(goExt('/d/10-a.conf')).toBe('.conf');
    expect(goExt('/d/.hidden.conf')).toBe('.conf');
    expect(goExt('/d/.conf')).toBe('.conf');
    expect(goExt('/d/10-a.conf.bak')).toBe('.bak');
    expect(goExt('/d/10-a.CONF')).toBe('.CONF');
    expect(goExt('/d.d/noext')).toBe('');
  });

  it('visits a subdirectory where its name sorts, not where its full path sorts', () => {
    // k3s copies --kubelet-arg=config-dir into the subdirectory 20-cli-config-dir/ (docs/distributions.md).
    const listing =
      [
        'f /k/00-k3s-defaults.conf',
        'd /k/20-cli-config-dir',
        'f /k/20-cli-config-dir/50-max-pods.conf',
        'f /k/10-cli-config.conf',
        'f /k/30-later.conf',
        'f /k/20-cli-config-dir.conf',
        'f /k/README',
        'f /k/99-off.conf.disabled',
      ].join('\0') + '\0';
    const { entries } = parseDropInListing(listing);
    // os.ReadDir sorts names: "20-cli-config-dir" < "20-cli-config-dir.conf", so the directory's
    // files come before the sibling file, although "/k/20-cli-config-dir.conf" < "/k/20-cli-config-dir/…" bytewise.
    expect(dropInOrder(entries)).toEqual([
      '/k/00-k3s-defaults.conf',
      '/k/10-cli-config.conf',
      '/k/20-cli-config-dir/50-max-pods.conf',
      '/k/20-cli-config-dir.conf',
      '/k/30-later.conf',
    ]);
    expect(walkDirCompare('/k/a/z.conf', '/k/a-b.conf')).toBeLessThan(0);
  });
});

describe('the effective kubelet configuration', () => {
  it('kubeadm: staticPodPath from config.yaml, the endpoint from the flag, 0s meaning the 20 s default', () => {
    const config = computeKubeletConfig({
      flags: parseKubeletCommandLine(KUBEADM_ARGV),
      config: { path: '/var/lib/kubelet/config.yaml', text: KUBEADM_CONFIG },
      dropIns: null,
    });
    expect(config.staticPodPath).toEqual({
      value: '/etc/kubernetes/manifests',
      source: 'config',
      from: '/var/lib/kubelet/config.yaml',
    });
    expect(config.containerRuntimeEndpoint).toEqual({
      value: 'unix:///var/run/containerd/containerd.sock',
      source: 'flag',
      from: '--container-runtime-endpoint',
    });
    expect(config.fileCheckFrequency?.source).toBe('default');
    expect(fileCheckSeconds(config)).toBe(20);
    expect(config.kubeconfig?.value).toBe('/etc/kubernetes/kubelet.conf');
    expect(config.problems).toEqual([]);
  });

  it('RKE2: the flag --file-check-frequency=5s wins, staticPodPath comes from its defaults drop-in', () => {
    const dropIn = '/var/lib/rancher/rke2/agent/etc/kubelet.conf.d/00-rke2-defaults.conf';
    const config = computeKubeletConfig({
      flags: parseKubeletCommandLine([
        '--volume-plugin-dir=/var/lib/kubelet/volumeplugins',
        '--file-check-frequency=5s',
        '--sync-frequency=30s',
        '--config-dir=/var/lib/rancher/rke2/agent/etc/kubelet.conf.d',
        '--hostname-override=rke2-server-1',
        '--kubeconfig=/var/lib/rancher/rke2/agent/kubelet.kubeconfig',
      ]),
      config: null,
      dropIns: [
        {
          path: dropIn,
          text: `${KUBELET_CONF}containerRuntimeEndpoint: unix:///run/k3s/containerd/containerd.sock\nstaticPodPath: /var/lib/rancher/rke2/agent/pod-manifests\n`,
        },
      ],
    });
    expect(config.staticPodPath).toEqual({
      value: '/var/lib/rancher/rke2/agent/pod-manifests',
      source: 'drop-in',
      from: dropIn,
    });
    expect(config.fileCheckFrequency).toMatchObject({ value: '5s', source: 'flag' });
    expect(fileCheckSeconds(config)).toBe(5);
    expect(config.containerRuntimeEndpoint?.value).toBe('unix:///run/k3s/containerd/containerd.sock');
    expect(config.hostnameOverride?.value).toBe('rke2-server-1');
  });

  it('applies drop-ins in order, later ones winning, a null removing what earlier drop-ins set', () => {
    const config = computeKubeletConfig({
      flags: parseKubeletCommandLine([
        '--config=/etc/kubelet/config.yaml',
        '--config-dir=/etc/kubelet/conf.d',
      ]),
      config: {
        path: '/etc/kubelet/config.yaml',
        text: `${KUBELET_CONF}staticPodPath: /etc/kubernetes/manifests\n`,
      },
      dropIns: [
        {
          path: '/etc/kubelet/conf.d/10-a.conf',
          text: `${KUBELET_CONF}staticPodPath: /srv/a\nlogging:\n  format: json\n`,
        },
        { path: '/etc/kubelet/conf.d/20-b.conf', text: `${KUBELET_CONF}staticPodPath: /srv/b\n` },
        {
          path: '/etc/kubelet/conf.d/30-c.conf',
          text: '{"apiVersion":"kubelet.config.k8s.io/v1beta1","kind":"KubeletConfiguration","staticPodPath":null}',
        },
      ],
    });
    // The base is the config file marshalled under Go field names: null drops /srv/b and /srv/a,
    // and the file's value stays.
    expect(config.staticPodPath).toMatchObject({ value: '/etc/kubernetes/manifests', source: 'config' });
    expect(config.loggingFormat).toMatchObject({ value: 'json', from: '/etc/kubelet/conf.d/10-a.conf' });
    expect(config.dropIns).toHaveLength(3);
  });

  it('an empty staticPodPath means no file source; an absent one too, never a default directory', () => {
    const off = computeKubeletConfig({
      flags: parseKubeletCommandLine(['--config=/c.yaml']),
      config: { path: '/c.yaml', text: `${KUBELET_CONF}staticPodPath: ""\n` },
      dropIns: null,
    });
    expect(off.staticPodPath).toMatchObject({ value: '', source: 'config' });
    const absent = computeKubeletConfig({
      flags: parseKubeletCommandLine(['--config=/c.yaml']),
      config: { path: '/c.yaml', text: KUBELET_CONF },
      dropIns: null,
    });
    expect(absent.staticPodPath).toBeUndefined();
  });

  it('staticPodURL (k0s) is read as the HTTP source', () => {
    const config = computeKubeletConfig({
      flags: parseKubeletCommandLine(['--config=/run/k0s/kubelet/config.yaml', '--v=1']),
      config: {
        path: '/run/k0s/kubelet/config.yaml',
        text: `${KUBELET_CONF}staticPodURL: http://127.0.0.1:43567/manifests\n`,
      },
      dropIns: null,
    });
    expect(config.staticPodURL?.value).toBe('http://127.0.0.1:43567/manifests');
    expect(config.staticPodPath).toBeUndefined();
  });

  it('resolves a relative staticPodPath against the config file directory', () => {
    const config = computeKubeletConfig({
      flags: parseKubeletCommandLine(['--config=/etc/kubelet/config.yaml']),
      config: { path: '/etc/kubelet/config.yaml', text: `${KUBELET_CONF}staticPodPath: manifests\n` },
      dropIns: null,
    });
    expect(config.staticPodPath?.value).toBe('/etc/kubelet/manifests');
  });

  it('says what it could not read instead of claiming a default', () => {
    const config = computeKubeletConfig({
      flags: parseKubeletCommandLine(['--config=/var/lib/kubelet/config.yaml', '--config-dir=/etc/k.d']),
      config: { path: '/var/lib/kubelet/config.yaml', error: 'Permission denied' },
      dropIns: null,
      dropInDirError: 'Permission denied',
    });
    expect(config.staticPodPath).toBeUndefined();
    expect(config.fileCheckFrequency).toBeUndefined();
    expect(config.problems.join(' ')).toMatch(/config.yaml could not be read: Permission denied/);
    expect(config.problems.join(' ')).toMatch(/\/etc\/k.d could not be read: Permission denied/);
  });

  it('reports a drop-in that is not YAML, and bounds what it parses', () => {
    const config = computeKubeletConfig({
      flags: parseKubeletCommandLine(['--config-dir=/d']),
      config: null,
      dropIns: [
        { path: '/d/10-bad.conf', text: 'staticPodPath: [unclosed\n' },
        { path: '/d/20-huge.conf', text: `# ${'x'.repeat(1024 * 1024)}` },
      ],
    });
    expect(config.problems).toHaveLength(2);
    expect(config.problems[1]).toMatch(/not read: the YAML is over/);
  });

  it('claims no built-in default for what an unreadable drop-in may set', () => {
    const config = computeKubeletConfig({
      flags: parseKubeletCommandLine(['--config-dir=/var/lib/rancher/k3s/agent/etc/kubelet.conf.d']),
      config: null,
      dropIns: [
        {
          path: '/var/lib/rancher/k3s/agent/etc/kubelet.conf.d/00-k3s-defaults.conf',
          error: 'Permission denied',
        },
      ],
    });
    expect(config.containerRuntimeEndpoint).toBeUndefined();
    expect(config.fileCheckFrequency).toBeUndefined();
  });

  it('reads Go durations', () => {
    expect(goDurationSeconds('1m30s')).toBe(90);
    expect(goDurationSeconds('500ms')).toBe(0.5);
    expect(goDurationSeconds('20')).toBeNull();
  });
});
