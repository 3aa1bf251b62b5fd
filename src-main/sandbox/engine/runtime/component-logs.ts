/**
 * A few plausible startup lines for running components, so `crictl logs` / the log files of
 * a healthy control plane are not empty. klog lines inside containers carry pid 1.
 */
import { klogHeader, klogBody } from '../journal/klog';
import { imageTag } from './images';
import type { ControlPlaneComponent } from '../../../kubelet/control-plane-flags';

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export function startupLines(
  component: ControlPlaneComponent | 'coredns' | undefined,
  image: string,
  nodeIp: string,
  epochMs: number,
): LogLine[] {
  const micros = (epochMs % 1000) * 1000;
  const k = (file: string, line: number, body: string): LogLine => ({
    stream: 'stderr',
    text: klogHeader('I', epochMs, micros, 1, { file, line }) + body,
  });
  const version = imageTag(image);
  switch (component) {
    case 'kube-apiserver':
      return [
        k('options.go', 238, `external host was not specified, using ${nodeIp}`),
        k('server.go', 143, klogBody('Version', [['version', version]])),
        k(
          'server.go',
          145,
          klogBody('Golang settings', [
            ['GOGC', ''],
            ['GOMAXPROCS', ''],
            ['GOTRACEBACK', ''],
          ]),
        ),
        k('secure_serving.go', 213, `Serving securely on [::]:6443`),
      ];
    case 'kube-controller-manager':
      return [
        k('serving.go', 386, 'Generated self-signed cert in-memory'),
        k('controllermanager.go', 185, klogBody('Starting', [['version', version]])),
        k(
          'leaderelection.go',
          257,
          'attempting to acquire leader lease kube-system/kube-controller-manager...',
        ),
      ];
    case 'kube-scheduler':
      return [
        k('serving.go', 386, 'Generated self-signed cert in-memory'),
        k('server.go', 167, klogBody('Starting Kubernetes Scheduler', [['version', version]])),
        k('leaderelection.go', 257, 'attempting to acquire leader lease kube-system/kube-scheduler...'),
      ];
    case 'kube-proxy':
      return [
        k('server_linux.go', 66, klogBody('Using iptables proxy')),
        k('server.go', 698, klogBody('Successfully retrieved node IP(s)', [['IPs', [nodeIp]]])),
      ];
    case 'etcd': {
      const ts = new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
      const etcdVersion = version.replace(/-0$/, '');
      const z = (caller: string, msg: string, extra = '') =>
        ({
          stream: 'stderr',
          text: `{"level":"info","ts":"${ts}","caller":"${caller}","msg":"${msg}"${extra}}`,
        }) as LogLine;
      return [
        z(
          'embed/etcd.go:128',
          'configuring peer listeners',
          `,"listen-peer-urls":["https://${nodeIp}:2380"]`,
        ),
        z(
          'embed/etcd.go:310',
          'starting an etcd server',
          `,"etcd-version":"${etcdVersion}","data-dir":"/var/lib/etcd"`,
        ),
        z(
          'embed/serve.go:250',
          'serving client traffic securely',
          `,"traffic":"grpc+http","address":"127.0.0.1:2379"`,
        ),
      ];
    }
    case 'coredns':
      return [
        { stream: 'stdout', text: '.:53' },
        {
          stream: 'stdout',
          text: '[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908',
        },
        { stream: 'stdout', text: `CoreDNS-${version.replace(/^v/, '')}` },
      ];
    default:
      return [];
  }
}
