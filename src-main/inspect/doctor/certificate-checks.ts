/** Every certificate rule in order: expiry of files, chains, then what the ports serve. */
import type { CertificateSummary, DoctorFinding, PortCertificate } from '../../contract/domain/doctor';
import { chainFindings, expiryFindings, portFindings, type CertificateContext } from './certificate-findings';

export function certificateFindings(
  certs: CertificateSummary[],
  ports: PortCertificate[],
  ctx: CertificateContext,
): DoctorFinding[] {
  return [...expiryFindings(certs, ctx), ...chainFindings(certs), ...portFindings(ports, ctx)];
}
