/**
 * The doctor on one node (docs/doctor.md): two round trips, every check from the node itself, so
 * the findings stand while the API server is down; the API's node conditions are added when it
 * answers. Each check that could not run says why in `checks`.
 */
import type { NodeDiscovery, NodeDiscoveryDetails } from '../../contract/domain/discovery';
import type { DoctorCheck, DoctorFinding, DoctorReport, PortCertificate } from '../../contract/domain/doctor';
import { parseBatchOutput, type BatchSection } from '../../node/batch/batch-script';
import { parseCertificate, pemBlocks, summarize } from '../../node/certs/x509-summary';
import { doctorReadCommand } from '../../node/doctor/doctor-commands';
import { doctorPaths, type DoctorPaths } from '../../node/doctor/doctor-paths';
import { doctorProbeCommand, type PortProbe } from '../../node/doctor/probe-commands';
import { etcdctlTarget, type EtcdctlTarget } from '../../node/etcd/etcd-commands';
import {
  parseAlarmList,
  parseEndpointHealth,
  parseEndpointStatus,
  parseMemberList,
} from '../../node/etcd/etcdctl-json';
import type { NodeSession } from '../../node/session/node-session';
import { certificateFindings } from './certificate-checks';
import { cgroupFindings, cgroupVersion } from './cgroup-findings';
import { conditionFindings, type FsView } from './condition-findings';
import { sortFindings } from './doctor-finding';
import { etcdFindings } from './etcd-findings';
import { imageFindings } from './image-findings';
import { readNode, sectionFailure, type ManifestContainer, type NodeReading } from './node-reading';
import { describeProbe, notProbed, probeResult, type ProbeResult } from './probe-outcome';
import { probeAddressDecision, type ProbedNode } from './probe-address';
import { notProbedFindings } from './not-probed-findings';
import { HEALTHZ_PROBE_SECONDS, TLS_PROBE_SECONDS } from '../../node/doctor/probe-commands';

export interface DoctorRun {
  report: DoctorReport;
  paths: DoctorPaths;
  reading: NodeReading;
  probes: Map<string, BatchSection>;
}

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
function portProbes(reading: NodeReading, paths: DoctorPaths): Array<PortProbe & { file: string | null }> {
  const byName = (n: string) => reading.containers.find((c) => c.name === n);
  const apiserver = byName('kube-apiserver');
  const etcd = byName('etcd');
  const out: Array<PortProbe & { file: string | null }> = [];
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
    if (client)
      out.push({
        component: 'etcd (clients)',
        host: hostOf(client) ?? '127.0.0.1',
        port: portOf(client, 2379),
        file: flag(etcd, 'cert-file'),
      });
    if (peer)
      out.push({
        component: 'etcd (peers)',
        host: hostOf(peer) ?? '127.0.0.1',
        port: portOf(peer, 2380),
        file: flag(etcd, 'peer-cert-file'),
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

export async function runDoctor(
  session: NodeSession,
  discovery: NodeDiscovery,
  now = Date.now(),
): Promise<DoctorRun> {
  const paths = doctorPaths(discovery);
  const reading = readNode((await session.run(doctorReadCommand(paths))).stdout, paths, now);
  const details = discovery as Partial<NodeDiscoveryDetails>;
  const node: ProbedNode = { simulated: details.setup?.simulated === true, hostIps: details.hostIps ?? [] };
  const probes = portProbes(reading, paths).map((p) => ({
    ...p,
    decision: probeAddressDecision(p.host, node),
  }));
  const probed = probes.filter((p) => p.decision.probe);
  const healthzDecision = probeAddressDecision(reading.kubelet.healthz.host, node);
  const etcdContainer = reading.containers.find((c) => c.name === 'etcd');
  const etcd: EtcdctlTarget | null = etcdContainer ? etcdctlTarget(etcdContainer.command) : null;
  const cniDir = reading.runtime.cniConfDir?.value ?? '/etc/cni/net.d';
  const second = parseBatchOutput(
    (
      await session.run(
        doctorProbeCommand({
          paths,
          ports: probed,
          healthz: healthzDecision.probe ? reading.kubelet.healthz : null,
          cniDir,
          etcd,
        }),
      )
    ).stdout,
  );

  const checks: DoctorCheck[] = [];
  const check = (area: DoctorCheck['area'], name: string, ran: boolean, detail: string) =>
    checks.push({ area, name, ran, detail });

  // Certificates: files, then what each port serves.
  const ports: PortCertificate[] = probes.map((p) => {
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
  check(
    'certificates',
    'certificate files',
    reading.certificates.length > 0,
    reading.certificates.length > 0
      ? `${reading.certificates.length} certificates read (${paths.pkiDir}, the kubeconfigs in ${paths.kubernetesDir}, ${paths.kubeletCertDir})`
      : `no certificate read in ${paths.pkiDir}, ${paths.kubernetesDir}/*.conf or ${paths.kubeletCertDir}${reading.problems.length ? '' : ''}`,
  );
  for (const p of ports)
    check(
      'certificates',
      `port ${p.port}`,
      p.served !== null,
      p.served
        ? `${p.component} at ${p.host}:${p.port} serves serial ${p.served.serial} (read with ${p.tool})`
        : `${p.component} at ${p.host}:${p.port}: ${p.reason}`,
    );

  // Cgroup driver.
  check(
    'cgroup',
    'cgroup drivers',
    reading.runtime.cgroupDriver !== null,
    reading.runtime.cgroupDriver
      ? `kubelet ${reading.kubelet.cgroupDriver.value}; runtime ${reading.runtime.cgroupDriver.value}; ${cgroupVersion(reading.cgroupFs)}`
      : `the runtime's cgroup driver could not be read: ${[...reading.runtime.problems, ...reading.problems.filter((p) => p.section === 'info').map((p) => p.reason)].join('; ') || 'no crictl info, no containerd or CRI-O config file'}`,
  );

  // etcd.
  let etcdFound: DoctorFinding[] = [];
  if (!etcdContainer)
    check('etcd', 'etcd', false, 'no etcd static pod on this node (no manifest with a container named etcd)');
  else if (!etcd)
    check(
      'etcd',
      'etcd',
      false,
      `the etcd manifest lacks --trusted-ca-file, --cert-file, --key-file or --listen-client-urls`,
    );
  else {
    const idFailure = second.get('etcdid');
    const sec = (n: string) => second.get(n);
    const members =
      sec('etcdmembers')?.code === 0 ? parseMemberList(sec('etcdmembers')!.stdout.toString('utf8')) : null;
    const status =
      sec('etcdstatus')?.code === 0 ? parseEndpointStatus(sec('etcdstatus')!.stdout.toString('utf8')) : null;
    const health = sec('etcdhealth') ? parseEndpointHealth(sec('etcdhealth')!.stdout.toString('utf8')) : null;
    const alarms =
      sec('etcdalarms')?.code === 0 ? parseAlarmList(sec('etcdalarms')!.stdout.toString('utf8')) : null;
    if (idFailure)
      check(
        'etcd',
        'etcd',
        false,
        `no running etcd container to exec into${idFailure.stderr.trim() ? `: ${idFailure.stderr.trim()}` : ''}`,
      );
    else {
      check(
        'etcd',
        'etcdctl member list',
        members !== null,
        members
          ? `${members.length} members`
          : (sectionFailure(sec('etcdmembers'), 'etcdctl member list') ?? 'not parsed'),
      );
      check(
        'etcd',
        'etcdctl endpoint status',
        status !== null,
        status
          ? `${status.length} endpoint(s)`
          : (sectionFailure(sec('etcdstatus'), 'etcdctl endpoint status') ?? 'not parsed'),
      );
      check(
        'etcd',
        'etcdctl endpoint health',
        health !== null,
        health
          ? `${health.filter((h) => h.health).length}/${health.length} healthy`
          : (sectionFailure(sec('etcdhealth'), 'etcdctl endpoint health') ?? 'not parsed'),
      );
      check(
        'etcd',
        'etcdctl alarm list',
        alarms !== null,
        alarms
          ? `${alarms.length} alarm(s)`
          : (sectionFailure(sec('etcdalarms'), 'etcdctl alarm list') ?? 'not parsed'),
      );
      const cr = paths.crictl.join(' ');
      etcdFound = etcdFindings({
        target: etcd,
        etcdctl: `${cr} exec $(${cr} ps --name '^etcd$' -q | head -n 1) etcdctl --endpoints=${etcd.endpoint} --cacert=${etcd.cacert} --cert=${etcd.cert} --key=${etcd.key}`,
        members,
        status,
        health,
        alarms,
        controlPlanes: reading.controlPlanes,
      });
    }
  }

  // Conditions.
  const imageMount = reading.imageFs?.[0]?.mountpoint ?? null;
  const dfRow = (
    rows: typeof reading.df extends null ? never : NonNullable<typeof reading.df>['bytes'],
    i: number,
  ) => rows[i] ?? null;
  const filesystems: FsView[] = reading.df
    ? [
        {
          signal: 'nodefs',
          path: paths.kubeletRootDir,
          bytes: dfRow(reading.df.bytes, 0),
          inodes: dfRow(reading.df.inodes, 0),
        },
        ...(imageMount
          ? [
              {
                signal: 'imagefs' as const,
                path: imageMount,
                bytes: dfRow(reading.df.bytes, 1),
                inodes: dfRow(reading.df.inodes, 1),
              },
            ]
          : []),
      ]
    : [];
  check(
    'conditions',
    'disk',
    reading.df !== null,
    reading.df
      ? filesystems.map((f) => `${f.signal} ${f.path} on ${f.bytes?.mountedOn ?? '?'}`).join('; ')
      : (reading.problems.find((p) => p.section === 'df')?.reason ?? 'df not run'),
  );
  const cniSection = second.get('cni');
  const cniEntries =
    cniSection?.code === 0
      ? cniSection.stdout
          .toString('utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => {
            const [type = 'o', size = '0', ...name] = l.split(' ');
            return { type, size: Number(size), name: name.join(' ') };
          })
      : null;
  const cniReason =
    cniSection?.code === 3 ? `${cniDir} does not exist` : sectionFailure(cniSection, `listing ${cniDir}`);
  check(
    'conditions',
    'CNI configuration',
    cniEntries !== null,
    cniEntries ? `${cniDir}: ${cniEntries.length} entries` : (cniReason ?? 'not read'),
  );
  const hzWhere = `${reading.kubelet.healthz.host}:${reading.kubelet.healthz.port}`;
  const healthz: ProbeResult = healthzDecision.probe
    ? probeResult(second.get('healthz'))
    : notProbed(healthzDecision.reason);
  check(
    'conditions',
    'kubelet healthz',
    healthz.outcome === 'answered' || healthz.outcome === 'refused',
    healthz.outcome === 'answered'
      ? `${healthz.tool}: ${hzWhere} answered ${JSON.stringify(healthz.body.trim().slice(0, 200))}`
      : describeProbe(healthz, hzWhere, HEALTHZ_PROBE_SECONDS),
  );
  check(
    'conditions',
    'API node conditions',
    reading.conditions !== null,
    reading.conditions
      ? `${reading.conditions.length} conditions`
      : `the API did not answer: ${reading.api.reason}`,
  );
  const journalLines = reading.journal
    .filter((r) => /network not ready|NetworkPluginNotReady|cni plugin not initialized|sandbox/i.test(r.raw))
    .map((r) => r.raw);

  // Images.
  const apiserver = reading.containers.find((c) => c.name === 'kube-apiserver');
  const version = apiserver ? (/:(v\d+\.\d+\.\d+)/.exec(apiserver.image)?.[1] ?? null) : null;
  check(
    'images',
    'crictl images',
    reading.images !== null,
    reading.images
      ? `${reading.images.length} images`
      : (reading.problems.find((p) => p.section === 'images')?.reason ?? 'not read'),
  );
  check(
    'images',
    'sandbox image',
    reading.runtime.sandboxImage !== null,
    reading.runtime.sandboxImage
      ? `${reading.runtime.sandboxImage.value} (${reading.runtime.sandboxImage.from})`
      : 'the runtime did not say which pause image it uses',
  );

  const ctx = {
    kubernetesDir: paths.kubernetesDir,
    manifestDir: paths.staticPodPath,
    kubeletCertDir: paths.kubeletCertDir,
  };
  const findings = sortFindings([
    ...notProbedFindings([
      ...ports.map((p) => ({ what: `${p.component} :${p.port}`, where: `${p.host}:${p.port}`, probe: p })),
      {
        what: 'kubelet healthz',
        where: hzWhere,
        probe: { outcome: healthz.outcome, reason: healthz.message },
      },
    ]),
    ...certificateFindings(reading.certificates, ports, ctx),
    ...cgroupFindings({
      kubelet: reading.kubelet,
      runtime: reading.runtime,
      cgroupFs: reading.cgroupFs,
      sandboxes: reading.sandboxes ?? [],
      journalLines: journalLines.filter((l) => /sandbox/i.test(l)),
    }),
    ...etcdFound,
    ...conditionFindings({
      conditions: reading.conditions,
      kubelet: reading.kubelet,
      filesystems,
      runtime: reading.runtime,
      cni: { dir: cniDir, entries: cniEntries, reason: cniReason },
      healthz,
      journalLines,
    }),
    ...imageFindings({
      staticImages: reading.containers.map((c) => ({
        pod: c.pod,
        container: c.name,
        image: c.image,
        manifest: c.manifest,
      })),
      images: reading.images,
      sandboxImage: reading.runtime.sandboxImage,
      controlPlaneVersion: version,
      registryConfigPath: reading.runtime.registryConfigPath,
    }),
  ]);
  for (const p of reading.problems)
    if (!checks.some((c) => c.detail === p.reason)) check(areaOf(p.section), p.section, false, p.reason);
  return {
    report: {
      nodeName: paths.nodeName,
      takenAt: now,
      api: reading.api,
      findings,
      checks,
      certificates: reading.certificates,
      ports,
      roundTrips: 2,
    },
    paths,
    reading,
    probes: second,
  };
}

function areaOf(section: string): DoctorCheck['area'] {
  if (['pki', 'kubeconfigs', 'kubeletpki'].includes(section)) return 'certificates';
  if (['info', 'cgroupfs', 'runtimeconfig'].includes(section)) return 'cgroup';
  if (['images', 'imagefs'].includes(section)) return 'images';
  return 'conditions';
}
