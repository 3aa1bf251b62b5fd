/**
 * The first round trip's answers, parsed: the manifests' containers, certificates of the PKI
 * directory, of the kubeconfigs and of the kubelet, the kubelet's and the runtime's settings,
 * the runtime's view, disks, the journal and the API's nodes. Each part that could not be read
 * keeps why, for the doctor's checks.
 */
import type { X509Certificate } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { CriContainer, CriSandbox } from '../../contract/domain/cri';
import type { CertificateSummary } from '../../contract/domain/doctor';
import type { KlogRecord } from '../../contract/domain/logs';
import { parseBatchOutput, type BatchSection } from '../../node/batch/batch-script';
import { parseCrictlContainersJson, parseCrictlPodsJson } from '../../node/cri/crictl-list-json';
import { parseCertificate, pemBlocks, summarize } from '../../node/certs/x509-summary';
import type { DoctorPaths } from '../../node/doctor/doctor-paths';
import { parseFileRecords, type FileRecord } from '../../node/doctor/file-records';
import {
  parseCrictlImages,
  parseImageFsInfo,
  type ImageFs,
  type RuntimeImage,
} from '../../node/images/crictl-images';
import { YAML_MAX_ALIASES, yamlUnreadable } from '../../node/manifests/yaml-bounds';
import { parseDf, type DfRow } from '../../node/node-health/df-output';
import { readKubeletSettings, type KubeletSettings } from '../../node/node-health/kubelet-settings';
import { controlPlaneNodes, nodeConditions, type NodeCondition } from '../../node/node-health/node-objects';
import { readRuntimeSettings, type RuntimeSettings } from '../../node/runtime-config/runtime-settings';
import { readKubeletJournal } from '../kubelet-journal';
import { kubeadmCertificate } from './kubeadm-certificates';

export interface ManifestContainer {
  manifest: string;
  pod: string;
  name: string;
  image: string;
  command: string[];
}

export interface NodeReading {
  sections: Map<string, BatchSection>;
  manifests: FileRecord[];
  containers: ManifestContainer[];
  certificates: CertificateSummary[];
  /** Every CA read on the node, for chains of served certificates too. */
  cas: X509Certificate[];
  kubelet: KubeletSettings;
  runtime: RuntimeSettings;
  runtimeConfigFiles: FileRecord[];
  sandboxes: CriSandbox[] | null;
  runtimeContainers: CriContainer[] | null;
  images: RuntimeImage[] | null;
  imageFs: ImageFs[] | null;
  df: { bytes: DfRow[]; inodes: DfRow[] } | null;
  cgroupFs: string | null;
  journal: KlogRecord[];
  journalText: string;
  conditions: NodeCondition[] | null;
  controlPlanes: Array<{ name: string; addresses: string[] }> | null;
  api: { available: boolean; reason: string | null };
  problems: Array<{ section: string; reason: string }>;
}

const text = (s: BatchSection | undefined) => s?.stdout.toString('utf8') ?? '';

/** Why a section gave nothing: its stderr's last line, or its exit code. */
export function sectionFailure(s: BatchSection | undefined, what: string): string | null {
  if (!s) return `${what} was not run`;
  if (s.code === 0) return null;
  const last = s.stderr.trim().split('\n').filter(Boolean).pop();
  return `${what} failed (exit ${s.code})${last ? `: ${last.slice(0, 400)}` : ''}`;
}

function manifestContainers(files: FileRecord[]): ManifestContainer[] {
  const out: ManifestContainer[] = [];
  for (const f of files) {
    if (yamlUnreadable(f.content)) continue;
    let doc: unknown;
    try {
      doc = parseYaml(f.content, { maxAliasCount: YAML_MAX_ALIASES });
    } catch {
      continue;
    }
    const pod = doc as { metadata?: { name?: unknown }; spec?: { containers?: unknown } };
    const name = typeof pod?.metadata?.name === 'string' ? pod.metadata.name : f.path;
    const containers = Array.isArray(pod?.spec?.containers) ? pod.spec.containers : [];
    for (const c of containers.slice(0, 50) as Array<Record<string, unknown>>) {
      const command = [
        ...(Array.isArray(c.command) ? c.command : []),
        ...(Array.isArray(c.args) ? c.args : []),
      ].filter((x): x is string => typeof x === 'string');
      out.push({
        manifest: f.path,
        pod: name,
        name: typeof c.name === 'string' ? c.name : '',
        image: typeof c.image === 'string' ? c.image : '',
        command,
      });
    }
  }
  return out;
}

function certificatesOf(
  sections: Map<string, BatchSection>,
  paths: DoctorPaths,
  now: number,
): { certs: CertificateSummary[]; cas: X509Certificate[] } {
  const found: Array<{
    name: string;
    source: CertificateSummary['source'];
    location: string;
    cert: X509Certificate;
  }> = [];
  const add = (source: CertificateSummary['source'], location: string, pemText: string, name?: string) => {
    pemBlocks(pemText).forEach((pem, i) => {
      const parsed = parseCertificate(pem);
      if (!parsed.ok) return;
      const loc = i === 0 ? location : `${location}#${i + 1}`;
      const kubeadm = kubeadmCertificate(location, paths.kubernetesDir);
      found.push({
        name: name ?? kubeadm?.name ?? location.split('/').pop() ?? location,
        source,
        location: loc,
        cert: parsed.cert,
      });
    });
  };
  for (const r of parseFileRecords(sections.get('pki')?.stdout ?? '')) add('pki', r.path, r.content);
  for (const r of parseFileRecords(sections.get('kubeletpki')?.stdout ?? ''))
    add('kubelet', r.path, r.content);
  for (const r of parseFileRecords(sections.get('kubeconfigs')?.stdout ?? '')) {
    const kubeadmName = kubeadmCertificate(r.path, paths.kubernetesDir)?.name;
    for (const line of r.content.split('\n')) {
      const m = /^\s*client-certificate-data:\s*(\S+)/.exec(line);
      if (m) add('kubeconfig', r.path, Buffer.from(m[1] as string, 'base64').toString('utf8'), kubeadmName);
    }
  }
  const cas = found.filter((f) => f.cert.ca).map((f) => f.cert);
  return {
    cas,
    certs: found.map((f) =>
      summarize({ name: f.name, source: f.source, location: f.location, cert: f.cert, cas, now }),
    ),
  };
}

export function readNode(stdout: Buffer, paths: DoctorPaths, now: number): NodeReading {
  const sections = parseBatchOutput(stdout);
  const problems: NodeReading['problems'] = [];
  const note = (section: string, what: string) => {
    const why = sectionFailure(sections.get(section), what);
    if (why) problems.push({ section, reason: why });
    return why === null;
  };
  const manifests = note('manifests', `reading ${paths.staticPodPath ?? 'the static pod path'}`)
    ? parseFileRecords(sections.get('manifests')?.stdout ?? '')
    : [];
  const configRecords = parseFileRecords(sections.get('kubeletconfig')?.stdout ?? '');
  const kubelet = readKubeletSettings(
    configRecords[0]?.content ?? null,
    configRecords[0]?.path ?? paths.kubeletConfig,
  );
  const runtimeConfigFiles = parseFileRecords(sections.get('runtimeconfig')?.stdout ?? '');
  const infoOk = note('info', 'crictl info');
  const runtime = readRuntimeSettings(infoOk ? text(sections.get('info')) : null, runtimeConfigFiles);
  const { certs, cas } = certificatesOf(sections, paths, now);
  const sandboxesParsed = note('sandboxes', 'crictl pods')
    ? parseCrictlPodsJson(text(sections.get('sandboxes')))
    : null;
  const containersParsed = note('containers', 'crictl ps -a')
    ? parseCrictlContainersJson(text(sections.get('containers')))
    : null;
  const dfOk = note('df', `df of ${paths.kubeletRootDir} and the image filesystem`);
  note('dfi', 'df -i');
  const nodeSection = sections.get('node');
  const apiReason = nodeSection
    ? sectionFailure(nodeSection, 'kubectl get node')
    : 'kubectl is not on the node';
  const journalText = text(sections.get('journal'));
  return {
    sections,
    manifests,
    containers: manifestContainers(manifests),
    certificates: certs,
    cas,
    kubelet,
    runtime,
    runtimeConfigFiles,
    sandboxes: sandboxesParsed?.ok ? sandboxesParsed.value : null,
    runtimeContainers: containersParsed?.ok ? containersParsed.value : null,
    images: note('images', 'crictl images') ? parseCrictlImages(text(sections.get('images'))) : null,
    imageFs: note('imagefs', 'crictl imagefsinfo') ? parseImageFsInfo(text(sections.get('imagefs'))) : null,
    df: dfOk
      ? { bytes: parseDf(text(sections.get('df')), 1024), inodes: parseDf(text(sections.get('dfi')), 1) }
      : null,
    cgroupFs: note('cgroupfs', 'stat -f /sys/fs/cgroup')
      ? text(sections.get('cgroupfs')).trim() || null
      : null,
    journal: readKubeletJournal(journalText),
    journalText,
    conditions: apiReason === null ? nodeConditions(text(nodeSection)) : null,
    controlPlanes: apiReason === null ? controlPlaneNodes(text(sections.get('nodes'))) : null,
    api: { available: apiReason === null, reason: apiReason },
    problems,
  };
}
