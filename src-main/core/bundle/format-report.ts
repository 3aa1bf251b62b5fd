/** A doctor report as text: the findings with evidence and next step, then the checks. */
import type { DoctorReport } from '../../contract/domain/doctor';

export function formatReport(report: DoctorReport): string {
  const lines = [
    `Doctor: ${report.nodeName} at ${new Date(report.takenAt).toISOString()}`,
    `API: ${report.api.available ? 'answered' : `did not answer (${report.api.reason ?? 'no reason'})`}; every finding below was read on the node itself.`,
    '',
  ];
  if (report.findings.length === 0) lines.push('No findings.', '');
  for (const f of report.findings) {
    lines.push(`[${f.severity}] ${f.area}: ${f.title}`, `  ${f.explanation}`);
    for (const e of f.evidence) lines.push(`  | ${e}`);
    lines.push(`  next: ${f.nextStep}`, '');
  }
  lines.push('Checks:');
  for (const c of report.checks)
    lines.push(`  ${c.ran ? 'ran    ' : 'NOT RUN'} ${c.area} / ${c.name}: ${c.detail}`);
  return lines.join('\n') + '\n';
}
