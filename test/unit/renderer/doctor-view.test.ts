import { describe, expect, it } from 'vitest';
import type { DoctorCheck, DoctorFinding } from '../../../src-main/contract/domain/doctor';
import {
  areaStateText,
  countReport,
  groupByArea,
  summaryLine,
} from '../../../src-renderer/features/doctor/doctor-view';

const finding = (
  f: Partial<DoctorFinding> & Pick<DoctorFinding, 'area' | 'severity' | 'title'>,
): DoctorFinding => ({
  kind: 'node-condition',
  explanation: '',
  evidence: [],
  nextStep: 'true',
  subject: null,
  ...f,
});
const check = (c: Partial<DoctorCheck> & Pick<DoctorCheck, 'area' | 'name' | 'ran'>): DoctorCheck => ({
  detail: '',
  ...c,
});

// The Doctor pane's order: areas with the worst findings first, then the others in the fixed
// order (certificates, cgroup driver, etcd, node conditions, images); inside an area, errors,
// then warnings, then info, each in the doctor's own order.
describe('the doctor report as the pane shows it', () => {
  const findings = [
    finding({ area: 'images', severity: 'warning', title: 'pause image differs' }),
    finding({ area: 'certificates', severity: 'info', title: 'cert info' }),
    finding({ area: 'certificates', severity: 'warning', title: 'apiserver expires in 20 days' }),
    finding({ area: 'conditions', severity: 'error', title: 'Ready=False' }),
    finding({ area: 'certificates', severity: 'warning', title: 'etcd-server expires in 25 days' }),
    finding({ area: 'certificates', severity: 'error', title: 'admin.conf expired' }),
  ];
  const checks = [
    check({ area: 'certificates', name: 'port 6443', ran: true, detail: 'serves serial 01' }),
    check({ area: 'etcd', name: 'etcdctl member list', ran: false, detail: 'no etcd container running' }),
    check({ area: 'cgroup', name: 'cgroup drivers', ran: true, detail: 'kubelet systemd; runtime systemd' }),
    check({ area: 'images', name: 'crictl images', ran: true }),
    check({ area: 'conditions', name: 'disk', ran: false, detail: 'df failed' }),
    check({ area: 'conditions', name: 'healthz', ran: true }),
  ];

  it('puts the areas with errors first, then warnings, then the areas without findings in their fixed order', () => {
    expect(groupByArea({ findings, checks }).map((a) => a.area)).toEqual([
      'certificates',
      'conditions',
      'images',
      'cgroup',
      'etcd',
    ]);
  });

  it('orders findings by severity inside an area and keeps the doctor’s order among equals', () => {
    const certificates = groupByArea({ findings, checks })[0];
    expect(certificates?.findings.map((f) => f.title)).toEqual([
      'admin.conf expired',
      'apiserver expires in 20 days',
      'etcd-server expires in 25 days',
      'cert info',
    ]);
    expect(certificates?.worst).toBe('error');
  });

  it('never calls an area clear when its checks could not run, and says so', () => {
    const byArea = Object.fromEntries(groupByArea({ findings, checks }).map((a) => [a.area, a]));
    expect(byArea.cgroup?.state).toBe('clear');
    expect(areaStateText(byArea.cgroup!)).toBe('No findings; its check ran');
    expect(byArea.etcd?.state).toBe('incomplete');
    expect(byArea.etcd?.notRun.map((c) => c.detail)).toEqual(['no etcd container running']);
    expect(areaStateText(byArea.etcd!)).toBe('Not checked: its check could not run');
    // Findings and checks that could not run go together; the findings decide the state.
    expect(byArea.conditions?.state).toBe('findings');
    expect(byArea.conditions?.notRun).toHaveLength(1);
    // An area the report has no check for is "not checked", not clear.
    const none = groupByArea({ findings: [], checks: [] });
    expect(none.map((a) => a.state)).toEqual(Array(5).fill('not-checked'));
  });

  it('keeps an area or a severity it does not know rather than dropping it', () => {
    const odd = finding({
      area: 'network' as DoctorFinding['area'],
      severity: 'critical' as DoctorFinding['severity'],
      title: 'x',
    });
    const areas = groupByArea({ findings: [odd], checks: [] });
    expect(areas.map((a) => a.area)).toEqual([
      'network',
      'certificates',
      'cgroup',
      'etcd',
      'conditions',
      'images',
    ]);
    expect(areas[0]?.label).toBe('network');
  });

  it('sums the report in one line', () => {
    expect(countReport({ findings, checks })).toEqual({
      error: 2,
      warning: 3,
      info: 1,
      checks: 6,
      notRun: 2,
    });
    expect(summaryLine({ findings, checks })).toBe(
      '2 errors, 3 warnings, 1 info · 2 of 6 checks could not run',
    );
    expect(summaryLine({ findings: [], checks: [checks[0]!] })).toBe('No findings · all 1 check ran');
    expect(summaryLine({ findings: [], checks: [] })).toBe('No findings · no check ran');
  });
});
