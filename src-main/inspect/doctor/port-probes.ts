/**
 * The doctor's port probes: which ports a kubeadm control plane serves and from which
 * certificate files (read from the static pods' flags), and what each port served when asked.
 */
import type { PortCertificate } from '../../contract/domain/doctor';
import type { BatchSection } from '../../node/batch/batch-script';
import { parseCertificate, pemBlocks, summarize } from '../../node/certs/x509-summary';
import type { DoctorPaths } from '../../node/doctor/doctor-paths';
import { TLS_PROBE_SECONDS, type PortProbe } from '../../node/doctor/probe-commands';
import type { ManifestContainer, NodeReading } from './node-reading';
import type { ProbeAddressDecision } from './probe-address';
import { describeProbe, notProbed, probeResult } from './probe-outcome';

export type FileProbe = PortProbe & { file: string | null };

const flag = (c: ManifestContainer | undefined, name: string): string | null =>
  c?.command.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? null;
const hostOf = (url: string | null): string | null =>
  url
    ? url
        .replace(/^\w+:\/\//, '')
        .replace(/:\d+$/, '')
        .replace(/^\[|\]$/g, '')
    : null;

/** Ports of a kubeadm control plane and the files they serve, from the manifests' flags. */
export function portProbes(reading: NodeReading, paths: DoctorPaths): FileProbe[] {
  const byName = (n: string) => reading.containers.find((c) => c.name === n);
  const apiserver = byName('kube-apiserver');
  const etcd = byName('etcd');
  const out: FileProbe[] = [];
  if (apiserver) {
    out.push({
      component: 'kube-apiserver',
      host: flag(apiserver, 'advertise-address') ?? '127.0.0.1',
      port: Number(flag(apiserver, 'secure-port') ?? 6443),
      file: flag(apiserver, 'tls-cert-file'),
    });
  }
  if (etcd) {
    const clients = (flag(etcd, 'listen-client-urls') ?? '').split(',').filter(Boolean);
    const client = clients.find((u) => !/127\.0\.0\.1|localhost/.test(u)) ?? clients[0] ?? null;
    const peer = (flag(etcd, 'listen-peer-urls') ?? '').split(',').filter(Boolean)[0] ?? null;
    const portOf = (u: string | null, d: number) => Number(/:(\d+)$/.exec(u ?? '')?.[1] ?? d);
    for (const [component, url, port, certFlag] of [
      ['etcd (clients)', client, 2379, 'cert-file'],
      ['etcd (peers)', peer, 2380, 'peer-cert-file'],
    ] as const)
      if (url)
        out.push({
          component,
          host: hostOf(url) ?? '127.0.0.1',
          port: portOf(url, port),
          file: flag(etcd, certFlag),
        });
  }
  out.push({
    component: 'kubelet',
    host: paths.nodeIp ?? '127.0.0.1',
    port: 10250,
    file: reading.kubelet.tlsCertFile ?? `${paths.kubeletCertDir}/kubelet.crt`,
  });
  for (const [name, port] of [
    ['kube-controller-manager', 10257],
    ['kube-scheduler', 10259],
  ] as const) {
    const c = byName(name);
    if (c)
      out.push({
        component: name,
        host: flag(c, 'bind-address') ?? '127.0.0.1',
        port,
        file: flag(c, 'tls-cert-file'),
      });
  }
  return out;
}

/**
 * What each port served (section `portN` of the probe batch, N counting only the ports probed),
 * against the file it should serve; a port not probed says why (probe-address.ts).
 */
export function servedCertificates(
  probes: Array<FileProbe & { decision: ProbeAddressDecision }>,
  second: Map<string, BatchSection>,
  reading: NodeReading,
  now: number,
): PortCertificate[] {
  const probed = probes.filter((p) => p.decision.probe);
  return probes.map((p) => {
    const probe = p.decision.probe
      ? probeResult(second.get(`port${probed.indexOf(p) + 1}`))
      : notProbed(p.decision.reason);
    const pem = pemBlocks(probe.body)[0];
    const parsed = pem ? parseCertificate(pem) : null;
    const served =
      parsed?.ok === true
        ? summarize({
            name: `${p.component} :${p.port}`,
            source: 'port',
            location: `${p.host}:${p.port}`,
            cert: parsed.cert,
            cas: reading.cas,
            now,
          })
        : null;
    const fileCert = p.file ? reading.certificates.find((c) => c.location === p.file) : undefined;
    const where = `${p.host}:${p.port}`;
    return {
      port: p.port,
      host: p.host,
      component: p.component,
      tool: probe.tool,
      outcome: served ? 'answered' : probe.outcome === 'answered' ? 'failed' : probe.outcome,
      served,
      reason: served
        ? null
        : probe.outcome === 'not-probed'
          ? probe.message
          : probe.outcome === 'answered'
            ? `${probe.tool ?? 'read'}: connected to ${where} but read no certificate`
            : describeProbe(probe, where, TLS_PROBE_SECONDS),
      file: p.file,
      fileSerial: fileCert?.serial ?? null,
      // By fingerprint: self-signed certificates of older client-go all have serial 2.
      matchesFile: served && fileCert ? served.fingerprint256 === fileCert.fingerprint256 : null,
    };
  });
}
