/**
 * Certificate findings (docs/doctor.md "Certificates"): expired (error) and expiring within 30
 * days (warning), each with kubeadm's renew command and the restart it needs; a port that serves
 * another certificate than its file ("renewed but not reloaded" when the file is the newer one);
 * a certificate that its CA, read on the same node, did not sign.
 */
import type { CertificateSummary, DoctorFinding, PortCertificate } from '../../contract/domain/doctor';
import { certLine } from './doctor-finding';
import { kubeadmCertificate, renewCommand, restartCommand } from './kubeadm-certificates';

export const EXPIRY_WARNING_DAYS = 30;

export interface CertificateContext {
  kubernetesDir: string;
  manifestDir: string | null;
  kubeletCertDir: string;
}

/** Which process serves each port, for the restart it needs. */
const PORT_RESTART: Record<string, string> = {
  'kube-apiserver': 'kube-apiserver',
  'etcd (clients)': 'etcd',
  'etcd (peers)': 'etcd',
  kubelet: 'kubelet',
  'kube-controller-manager': 'kube-controller-manager',
  'kube-scheduler': 'kube-scheduler',
};

function nextStepFor(cert: CertificateSummary, ctx: CertificateContext): string {
  const kubeadm = kubeadmCertificate(cert.location.split('#')[0] ?? '', ctx.kubernetesDir);
  if (kubeadm) {
    if (kubeadm.name === 'kubelet.conf')
      return 'See https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/troubleshooting-kubeadm/#kubelet-client-cert (the kubelet rotates this certificate itself; kubeadm certs renew does not)';
    if (!kubeadm.renewable)
      return `See https://kubernetes.io/docs/tasks/tls/manual-rotation-of-ca-certificates/ (kubeadm certs renew does not renew the ${kubeadm.name} CA)`;
    return renewCommand(kubeadm, ctx.manifestDir, ctx.kubernetesDir) ?? `kubeadm certs renew ${kubeadm.name}`;
  }
  if (cert.location === `${ctx.kubeletCertDir}/kubelet.crt` && cert.chain === 'self-signed')
    return `rm ${ctx.kubeletCertDir}/kubelet.crt ${ctx.kubeletCertDir}/kubelet.key && systemctl restart kubelet`;
  if (cert.location.startsWith(`${ctx.kubeletCertDir}/kubelet-client`))
    return 'See https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/troubleshooting-kubeadm/#kubelet-client-cert';
  return `Renew ${cert.location} with the tool that issued it, then restart what uses it.`;
}

export function expiryFindings(certs: CertificateSummary[], ctx: CertificateContext): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  const seen = new Set<string>();
  for (const cert of certs) {
    if (cert.source === 'port') continue;
    const key = `${cert.fingerprint256} ${cert.location}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const expired = cert.daysLeft < 0 || Date.parse(cert.notAfter) < Date.now();
    if (!expired && cert.daysLeft > EXPIRY_WARNING_DAYS) continue;
    out.push({
      kind: expired ? 'cert-expired' : 'cert-expiring',
      area: 'certificates',
      severity: expired ? 'error' : 'warning',
      title: expired
        ? `Certificate ${cert.name} expired on ${cert.notAfter.slice(0, 10)}`
        : `Certificate ${cert.name} expires in ${cert.daysLeft} days (${cert.notAfter.slice(0, 10)})`,
      explanation: expired
        ? 'Every TLS peer refuses an expired certificate: whatever presents it can no longer connect or be connected to.'
        : `It expires within ${EXPIRY_WARNING_DAYS} days; renew it before then.`,
      evidence: [certLine(cert), `issuer "${cert.issuer}"; chain: ${cert.chain} (${cert.chainDetail})`],
      nextStep: nextStepFor(cert, ctx),
      subject: cert.name,
    });
  }
  return out;
}

export function chainFindings(certs: CertificateSummary[]): DoctorFinding[] {
  return certs
    .filter((c) => c.chain === 'broken')
    .map((cert) => ({
      kind: 'cert-chain-broken' as const,
      area: 'certificates' as const,
      severity: 'error' as const,
      title: `${cert.name} is not signed by the CA of that name on this node`,
      explanation: 'Peers that trust the CA on this node will refuse this certificate.',
      evidence: [certLine(cert), cert.chainDetail],
      nextStep: `openssl verify -CAfile <the CA file> ${cert.location}`,
      subject: cert.name,
    }));
}

export function portFindings(ports: PortCertificate[], ctx: CertificateContext): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  for (const port of ports) {
    const served = port.served;
    if (!served) continue;
    const where = `${port.host}:${port.port}`;
    const restart = restartCommand(PORT_RESTART[port.component] ?? null, ctx.manifestDir, ctx.kubernetesDir);
    if (served.daysLeft < 0) {
      out.push({
        kind: 'cert-expired',
        area: 'certificates',
        severity: 'error',
        title: `${port.component} on ${where} serves an expired certificate`,
        explanation: 'Clients refuse the connection: the certificate this process presents has expired.',
        evidence: [`${port.tool ?? 'read'} on the node: ${certLine(served)}`],
        nextStep: restart ?? `Restart ${port.component}.`,
        subject: `port ${port.port}`,
      });
    }
    if (port.matchesFile === false && port.file && port.fileSerial) {
      const fileCert = port.fileSerial;
      out.push({
        kind: 'cert-not-reloaded',
        area: 'certificates',
        severity: 'warning',
        title: `${port.component} on ${where} serves an older certificate than ${port.file}: renewed but not reloaded`,
        explanation:
          'The file on disk was replaced, but the process still presents the certificate it loaded before. Components that reload their serving certificate from disk (kube-apiserver, kube-controller-manager, kube-scheduler, etcd, the kubelet from v1.31) pick a new one up on their own; when they do not, the new pair did not load (for example a key that does not match) or the component predates reloading. A restart makes it load the file.',
        evidence: [
          `${port.tool ?? 'read'} on the node, ${where}: serial ${served.serial}, not before ${served.notBefore}, not after ${served.notAfter}`,
          `${port.file}: serial ${fileCert}`,
        ],
        nextStep: restart ?? `Restart ${port.component}.`,
        subject: `port ${port.port}`,
      });
    }
  }
  return out;
}
