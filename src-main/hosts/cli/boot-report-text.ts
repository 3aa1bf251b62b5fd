/**
 * "Will this boot?" as text for `kubelet-studio apply --dry-run` (and before a save): the
 * kubelet's verdict with the version it assumed, then every check's findings with their evidence.
 * Node-derived text goes through the caller's terminal-safe writer.
 */
import type { BootCheckReport, BootFinding } from '../../contract/domain/boot-check';

const MARK: Record<BootFinding['status'], string> = {
  ok: 'ok     ',
  problem: 'PROBLEM',
  warning: 'warning',
  'not-checked': 'unknown',
};

const CHECK: Record<BootFinding['check'], string> = {
  kubelet: 'kubelet',
  'file-wins': 'file',
  'host-paths': 'paths',
  images: 'images',
  'host-ports': 'ports',
  'kubeadm-config': 'kubeadm',
};

export function bootReportLines(report: BootCheckReport): string[] {
  const k = report.kubelet;
  const lines: string[] = [];
  const verdict =
    report.verdict === 'will-boot'
      ? 'will boot'
      : report.verdict === 'will-not-boot'
        ? 'will NOT boot'
        : 'may boot (some checks could not be made)';
  lines.push(`${report.path}: ${verdict} — ${k.version.described}`);
  if (k.accepted) lines.push(`  ${MARK.ok} kubelet   accepts the file: pod ${k.namespace}/${k.podName}`);
  else
    lines.push(
      `  ${MARK.problem} kubelet   refuses the file${k.approximate ? ' (wording approximate)' : ''}: ${k.error ?? ''}`,
    );
  for (const note of k.notes) lines.push(`          kubelet   ${note}`);
  for (const f of report.findings) {
    lines.push(
      `  ${MARK[f.status]} ${CHECK[f.check].padEnd(9)} ${f.title}${f.line ? ` (line ${f.line})` : ''}`,
    );
    if (f.detail) lines.push(`          ${' '.repeat(9)} ${f.detail}`);
    for (const e of f.evidence) lines.push(`          ${' '.repeat(9)} | ${e}`);
  }
  return lines;
}
