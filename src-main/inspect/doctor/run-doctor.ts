/**
 * The doctor on one node (docs/doctor.md): two round trips, every check from the node itself, so
 * the findings stand while the API server is down; the API's node conditions are added when it
 * answers. Each check that could not run says why in `checks`.
 */
import type { NodeDiscovery, NodeDiscoveryDetails } from '../../contract/domain/discovery';
import type { DoctorCheck, DoctorReport } from '../../contract/domain/doctor';
import { parseBatchOutput, type BatchSection } from '../../node/batch/batch-script';
import { doctorReadCommand } from '../../node/doctor/doctor-commands';
import { doctorPaths, type DoctorPaths } from '../../node/doctor/doctor-paths';
import { doctorProbeCommand, HEALTHZ_PROBE_SECONDS } from '../../node/doctor/probe-commands';
import { etcdctlTarget, type EtcdctlTarget } from '../../node/etcd/etcd-commands';
import type { NodeSession } from '../../node/session/node-session';
import { certificateFindings } from './certificate-checks';
import { cgroupFindings, cgroupVersion } from './cgroup-findings';
import { conditionFindings, type FsView } from './condition-findings';
import { sortFindings, type RecordCheck } from './doctor-finding';
import { etcdChecks } from './etcd-checks';
import { imageFindings } from './image-findings';
import { readNode, sectionFailure, type NodeReading } from './node-reading';
import { portProbes, servedCertificates } from './port-probes';
import { describeProbe, notProbed, probeResult, type ProbeResult } from './probe-outcome';
import { probeAddressDecision, type ProbedNode } from './probe-address';
import { notProbedFindings } from './not-probed-findings';

export interface DoctorRun {
  report: DoctorReport;
  paths: DoctorPaths;
  reading: NodeReading;
  probes: Map<string, BatchSection>;
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
  const check: RecordCheck = (area, name, ran, detail) => checks.push({ area, name, ran, detail });

  // Certificates: files, then what each port serves.
  const ports = servedCertificates(probes, second, reading, now);
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
  const etcdFound = etcdChecks(etcdContainer, etcd, second, paths, reading, check);

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
