/**
 * The results of `kubelet-studio check` (docs/cluster.md "Fleet check"): one result per target,
 * reachable or not, and its renderings — text lines, one JSON document, JUnit XML — with the
 * exit status by the worst severity met.
 */
import type { FindingSeverity } from '../../contract/domain/node-pods';

export interface CheckFinding {
  /** `pods` (the static pod findings of `status`) or `doctor` (docs/doctor.md). */
  source: 'pods' | 'doctor';
  kind: string;
  severity: FindingSeverity;
  title: string;
  explanation: string;
}

export type CheckResult =
  | {
      target: string;
      node: string;
      reachable: true;
      findings: CheckFinding[];
      /** Parts of the check that could not run, with why (they are no findings). */
      notRun: string[];
      durationMs: number;
    }
  | { target: string; node: string; reachable: false; error: string; durationMs: number };

/** Worst first; an unreachable node counts as an error. */
export type Worst = 'error' | 'warning' | 'info' | 'ok';
const RANK: Record<Worst, number> = { ok: 0, info: 1, warning: 2, error: 3 };

export function worstOf(result: CheckResult): Worst {
  if (!result.reachable) return 'error';
  let worst: Worst = 'ok';
  for (const f of result.findings) if (RANK[f.severity] > RANK[worst]) worst = f.severity;
  return worst;
}

export interface CheckSummary {
  nodes: number;
  unreachable: number;
  byWorst: Record<Worst, number>;
  worst: Worst;
}

export function summarize(results: CheckResult[]): CheckSummary {
  const byWorst: Record<Worst, number> = { error: 0, warning: 0, info: 0, ok: 0 };
  let worst: Worst = 'ok';
  for (const r of results) {
    const w = worstOf(r);
    byWorst[w]++;
    if (RANK[w] > RANK[worst]) worst = w;
  }
  return { nodes: results.length, unreachable: results.filter((r) => !r.reachable).length, byWorst, worst };
}

/** 1 when some node is at or above `failOn` (an unreachable node always), else 0. */
export function exitStatus(results: CheckResult[], failOn: 'error' | 'warning'): number {
  return results.some((r) => RANK[worstOf(r)] >= RANK[failOn]) ? 1 : 0;
}

export function textLine(result: CheckResult): string[] {
  const label = result.node === result.target ? result.node : `${result.node} (${result.target})`;
  if (!result.reachable) return [`${label}: unreachable: ${result.error}`];
  const counts = (['error', 'warning', 'info'] as const)
    .map((s) => [s, result.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`);
  const lines = [`${label}: ${counts.length ? counts.join(', ') : 'ok'}`];
  for (const f of result.findings) if (f.severity !== 'info') lines.push(`  ${f.severity}: ${f.title}`);
  for (const n of result.notRun) lines.push(`  not checked: ${n}`);
  return lines;
}

export function textSummary(summary: CheckSummary): string {
  const { byWorst } = summary;
  return `${summary.nodes} node${summary.nodes === 1 ? '' : 's'}: ${byWorst.ok + byWorst.info} ok, ${byWorst.warning} with warnings, ${byWorst.error} with errors (${summary.unreachable} unreachable)`;
}

export function jsonReport(results: CheckResult[], startedAt: number): string {
  return JSON.stringify(
    { startedAt: new Date(startedAt).toISOString(), summary: summarize(results), results },
    null,
    2,
  );
}

/** Text safe in XML 1.0 (characters it forbids dropped, markup escaped). */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * JUnit XML as CI servers read it (the de facto schema of Ant's JUnit report, as Jenkins and
 * GitLab parse it): one testsuite, one testcase per node; `failure` when the node has a finding
 * at or above `failOn`, `error` when it could not be reached; the findings in the body.
 */
export function junitReport(results: CheckResult[], startedAt: number, failOn: 'error' | 'warning'): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const total = results.reduce((t, r) => t + r.durationMs, 0);
  const failures = results.filter((r) => r.reachable && RANK[worstOf(r)] >= RANK[failOn]).length;
  const errors = results.filter((r) => !r.reachable).length;
  const cases = results.map((r) => {
    const open = `    <testcase name="${xml(r.node)}" classname="kubelet-studio.check.${xml(r.target)}" time="${seconds(r.durationMs)}"`;
    if (!r.reachable)
      return `${open}>\n      <error message="${xml(r.error)}" type="unreachable">${xml(r.error)}</error>\n    </testcase>`;
    const body = r.findings.map((f) => `${f.severity}: ${f.title}\n${f.explanation}`).join('\n\n');
    const failing = r.findings.filter((f) => RANK[f.severity] >= RANK[failOn]);
    const parts: string[] = [];
    if (failing.length)
      parts.push(
        `      <failure message="${xml(failing.map((f) => f.title).join('; '))}" type="${xml(worstOf(r))}">${xml(body)}</failure>`,
      );
    else if (body) parts.push(`      <system-out>${xml(body)}</system-out>`);
    return parts.length ? `${open}>\n${parts.join('\n')}\n    </testcase>` : `${open}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kubelet-studio check" tests="${results.length}" failures="${failures}" errors="${errors}" time="${seconds(total)}">`,
    `  <testsuite name="kubelet-studio check" tests="${results.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(total)}" timestamp="${new Date(startedAt).toISOString().replace(/\.\d+Z$/, '')}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n');
}
