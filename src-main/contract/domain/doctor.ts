/**
 * The control-plane doctor (docs/doctor.md): what a node's certificates, cgroup driver, etcd,
 * conditions and images say, each finding with the evidence read on the node and the next step.
 * Every check that could not run says why; no finding claims an absence that was not observed.
 */
import type { FindingSeverity } from './node-pods';

export type DoctorArea = 'certificates' | 'cgroup' | 'etcd' | 'conditions' | 'images';

export type DoctorFindingKind =
  | 'cert-expired'
  | 'cert-expiring'
  | 'cert-not-reloaded'
  | 'cert-chain-broken'
  | 'cgroup-driver-mismatch'
  | 'etcd-alarm'
  | 'etcd-db-near-quota'
  | 'etcd-unhealthy'
  | 'etcd-stale-member'
  | 'node-condition'
  | 'disk-pressure'
  | 'cni-missing'
  | 'kubelet-unhealthy'
  | 'kubelet-not-listening'
  | 'image-missing'
  | 'sandbox-image-mismatch'
  | 'not-probed';

export interface DoctorFinding {
  kind: DoctorFindingKind;
  area: DoctorArea;
  severity: FindingSeverity;
  title: string;
  explanation: string;
  /** Lines and values read on the node, verbatim where they are quoted. */
  evidence: string[];
  /** One command or action, copyable as it stands. */
  nextStep: string;
  /** What it is about: a certificate name, a port, a member, an image. */
  subject: string | null;
}

/** One check the doctor tried: whether it could run, and if not why (never silent). */
export interface DoctorCheck {
  area: DoctorArea;
  name: string;
  ran: boolean;
  /** What was read ("14 certificates in /etc/kubernetes/pki"), or why not. */
  detail: string;
}

export type CertificateSource = 'pki' | 'kubeconfig' | 'kubelet' | 'port';

/** A certificate's public facts, never its key (docs/doctor.md "Certificates"). */
export interface CertificateSummary {
  /** kubeadm's name where it has one (`apiserver`, `admin.conf`, `etcd-server`), else the file name. */
  name: string;
  source: CertificateSource;
  /** The file (or `host:port`) it was read from. */
  location: string;
  subject: string;
  issuer: string;
  sans: string[];
  /** Upper-case hex, as openssl prints it. */
  serial: string;
  notBefore: string;
  notAfter: string;
  /** Whole days left at the time of the check (negative once expired). */
  daysLeft: number;
  isCa: boolean;
  /** `verified` against a CA read on the node, `self-signed`, or why it could not be checked. */
  chain: 'verified' | 'self-signed' | 'broken' | 'unchecked';
  chainDetail: string;
  fingerprint256: string;
}

export interface PortCertificate {
  port: number;
  host: string;
  /** Who listens there on a kubeadm control plane: kube-apiserver, etcd (client/peer), kubelet … */
  component: string;
  /** How it was read on the node: `openssl s_client`, `python3 ssl`, or null when nothing could. */
  tool: string | null;
  /**
   * What the connection showed: a certificate (`answered`), nothing listening (`refused`), no
   * answer in time (`timeout`, not evidence of anything down), no tool to ask (`no-tool`), or
   * no connection made because the address is not the node's (`not-probed`, `reason` says why).
   */
  outcome: 'answered' | 'refused' | 'timeout' | 'no-tool' | 'failed' | 'not-probed';
  served: CertificateSummary | null;
  /** Why nothing was read ("connection refused", "neither openssl nor python3 on the node"). */
  reason: string | null;
  /** The file the component is configured to serve, when known, and how it compares. */
  file: string | null;
  fileSerial: string | null;
  matchesFile: boolean | null;
}

export interface DoctorReport {
  nodeName: string;
  /** ms since the epoch, on the app's clock. */
  takenAt: number;
  api: { available: boolean; reason: string | null };
  findings: DoctorFinding[];
  checks: DoctorCheck[];
  certificates: CertificateSummary[];
  ports: PortCertificate[];
  /** Round trips to the node this report took. */
  roundTrips: number;
}
