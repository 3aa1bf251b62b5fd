/** Helpers shared by the doctor's rules: a check, a finding, and the order findings are shown in. */
import type { DoctorCheck, DoctorFinding } from '../../contract/domain/doctor';

/** Records one check of the doctor: whether it ran, and what it read or why it could not. */
export type RecordCheck = (area: DoctorCheck['area'], name: string, ran: boolean, detail: string) => void;

const RANK = { error: 0, warning: 1, info: 2 } as const;

export function sortFindings(findings: DoctorFinding[]): DoctorFinding[] {
  return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** A certificate in one line of evidence. */
export function certLine(c: {
  location: string;
  subject: string;
  serial: string;
  notAfter: string;
  daysLeft: number;
}): string {
  return `${c.location}: subject "${c.subject}", serial ${c.serial}, not after ${c.notAfter} (${c.daysLeft} days left)`;
}
