/**
 * How the Doctor pane orders a report (docs/doctor.md): findings grouped by area, the areas
 * with the worst findings first, each area's findings by severity (error, warning, info) and
 * otherwise in the order the doctor gave them. Each area also carries its checks, so an area
 * without findings says whether that rests on checks that ran, or on checks that could not
 * run (never shown as "ok"). Pure; tested in test/unit/renderer/doctor-view.test.ts.
 */
import type {
  DoctorArea,
  DoctorCheck,
  DoctorFinding,
  DoctorReport,
} from '../../../src-main/contract/domain/doctor';
import type { FindingSeverity } from '../../../src-main/contract/domain/node-pods';

export const DOCTOR_AREAS: readonly DoctorArea[] = ['certificates', 'cgroup', 'etcd', 'conditions', 'images'];

const AREA_LABELS: Record<DoctorArea, string> = {
  certificates: 'Certificates',
  cgroup: 'Cgroup driver',
  etcd: 'etcd',
  conditions: 'Node conditions',
  images: 'Images',
};

export const SEVERITIES: readonly FindingSeverity[] = ['error', 'warning', 'info'];

/**
 * - `findings`: at least one finding;
 * - `clear`: no finding, and every check of the area ran;
 * - `incomplete`: no finding from the checks that ran, but some could not run;
 * - `not-checked`: the report has no check for this area at all.
 */
export type AreaState = 'findings' | 'clear' | 'incomplete' | 'not-checked';

export interface AreaView {
  area: string;
  label: string;
  findings: DoctorFinding[];
  /** Checks that could not run, with the doctor's reason. */
  notRun: DoctorCheck[];
  ran: DoctorCheck[];
  worst: FindingSeverity | null;
  state: AreaState;
}

export function areaLabel(area: string): string {
  return (AREA_LABELS as Record<string, string>)[area] ?? area;
}

function rank(severity: string): number {
  const index = (SEVERITIES as readonly string[]).indexOf(severity);
  // A severity this view does not know sorts after the known ones rather than hiding.
  return index < 0 ? SEVERITIES.length : index;
}

/** The report's findings and checks, grouped by area and ordered for reading. */
export function groupByArea(report: Pick<DoctorReport, 'findings' | 'checks'>): AreaView[] {
  const order = [...DOCTOR_AREAS] as string[];
  for (const item of [...report.findings, ...report.checks])
    if (!order.includes(item.area)) order.push(item.area);
  const views = order.map((area, position) => {
    const findings = report.findings
      .map((finding, index) => ({ finding, index }))
      .filter(({ finding }) => finding.area === area)
      .sort((a, b) => rank(a.finding.severity) - rank(b.finding.severity) || a.index - b.index)
      .map(({ finding }) => finding);
    const checks = report.checks.filter((c) => c.area === area);
    const notRun = checks.filter((c) => !c.ran);
    const ran = checks.filter((c) => c.ran);
    const worst = findings[0]?.severity ?? null;
    const state: AreaState =
      findings.length > 0
        ? 'findings'
        : checks.length === 0
          ? 'not-checked'
          : notRun.length > 0
            ? 'incomplete'
            : 'clear';
    return { view: { area, label: areaLabel(area), findings, notRun, ran, worst, state }, position };
  });
  return views
    .sort(
      (a, b) =>
        (a.view.worst === null ? SEVERITIES.length + 1 : rank(a.view.worst)) -
          (b.view.worst === null ? SEVERITIES.length + 1 : rank(b.view.worst)) || a.position - b.position,
    )
    .map(({ view }) => view);
}

export interface ReportCounts {
  error: number;
  warning: number;
  info: number;
  checks: number;
  notRun: number;
}

export function countReport(report: Pick<DoctorReport, 'findings' | 'checks'>): ReportCounts {
  const counts: ReportCounts = { error: 0, warning: 0, info: 0, checks: report.checks.length, notRun: 0 };
  for (const f of report.findings) if (f.severity in counts) counts[f.severity] += 1;
  counts.notRun = report.checks.filter((c) => !c.ran).length;
  return counts;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 errors, 1 warning, no info · 9 of 19 checks could not run": the report in one line. */
export function summaryLine(report: Pick<DoctorReport, 'findings' | 'checks'>): string {
  const c = countReport(report);
  const findings =
    report.findings.length === 0
      ? 'No findings'
      : [
          c.error ? plural(c.error, 'error') : null,
          c.warning ? plural(c.warning, 'warning') : null,
          c.info ? `${c.info} info` : null,
        ]
          .filter(Boolean)
          .join(', ');
  const checks =
    c.checks === 0
      ? 'no check ran'
      : c.notRun === 0
        ? `all ${plural(c.checks, 'check')} ran`
        : `${c.notRun} of ${plural(c.checks, 'check')} could not run`;
  return `${findings} · ${checks}`;
}

/** What an area without findings rests on, in words. */
export function areaStateText(view: AreaView): string {
  switch (view.state) {
    case 'findings':
      return plural(view.findings.length, 'finding');
    case 'clear':
      return `No findings; ${view.ran.length === 1 ? 'its check' : `all ${view.ran.length} checks`} ran`;
    case 'incomplete':
      return view.ran.length === 0
        ? `Not checked: ${view.notRun.length === 1 ? 'its check' : `its ${view.notRun.length} checks`} could not run`
        : `No findings from ${plural(view.ran.length, 'check')} that ran; ${view.notRun.length} could not run`;
    case 'not-checked':
      return 'Not checked: the report has no check for this area';
  }
}
