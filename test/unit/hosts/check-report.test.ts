import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  exitStatus,
  jsonReport,
  junitReport,
  summarize,
  textLine,
  type CheckResult,
} from '../../../src-main/hosts/cli/check-report';

const finding = (severity: 'error' | 'warning' | 'info', title: string) => ({
  source: 'doctor' as const,
  kind: 'cert-expiring',
  severity,
  title,
  explanation: `${title}, explained`,
});

const RESULTS: CheckResult[] = [
  {
    target: 'cp-1',
    node: 'cp-1',
    reachable: true,
    findings: [finding('info', 'fine')],
    notRun: [],
    durationMs: 1200,
  },
  {
    target: 'admin@10.0.0.12',
    node: 'cp-2',
    reachable: true,
    findings: [finding('warning', 'apiserver certificate expires in 20 days')],
    notRun: ['doctor: etcdctl not found'],
    durationMs: 1500,
  },
  {
    target: 'cp-3',
    node: 'cp-3',
    reachable: true,
    // A node's text is anything: markup and control characters must not break the XML.
    findings: [finding('error', 'kube-apiserver.yaml: <bad> & "quoted" \u0007 \u001b[31m')],
    notRun: [],
    durationMs: 900,
  },
  {
    target: 'cp-4',
    node: 'cp-4',
    reachable: false,
    error: 'connect ECONNREFUSED 10.0.0.14:22',
    durationMs: 30,
  },
];

describe('check results', () => {
  it('exit status by the worst severity, an unreachable node counting as an error', () => {
    expect(exitStatus(RESULTS, 'error')).toBe(1);
    expect(exitStatus(RESULTS.slice(0, 2), 'error')).toBe(0);
    expect(exitStatus(RESULTS.slice(0, 2), 'warning')).toBe(1);
    expect(exitStatus(RESULTS.slice(0, 1), 'warning')).toBe(0);
    expect(exitStatus(RESULTS.slice(3), 'error')).toBe(1);
    expect(summarize(RESULTS)).toEqual({
      nodes: 4,
      unreachable: 1,
      byWorst: { error: 2, warning: 1, info: 1, ok: 0 },
      worst: 'error',
    });
  });

  it('text: one line per node with counts, the findings worth reading, and what did not run', () => {
    expect(textLine(RESULTS[1]!)).toEqual([
      'cp-2 (admin@10.0.0.12): 1 warning',
      '  warning: apiserver certificate expires in 20 days',
      '  not checked: doctor: etcdctl not found',
    ]);
    expect(textLine(RESULTS[3]!)).toEqual(['cp-4: unreachable: connect ECONNREFUSED 10.0.0.14:22']);
  });

  it('JSON is one document with the summary and every result', () => {
    const doc = JSON.parse(jsonReport(RESULTS, Date.UTC(2026, 11, 3, 14, 0))) as {
      startedAt: string;
      summary: { nodes: number };
      results: CheckResult[];
    };
    expect(doc.startedAt).toBe('2026-12-03T14:00:00.000Z');
    expect(doc.summary.nodes).toBe(4);
    expect(doc.results).toEqual(RESULTS);
  });

  it('JUnit: well-formed XML (xmllint), a failure per node at --fail-on, an error per unreachable node', () => {
    const xml = junitReport(RESULTS, Date.UTC(2026, 11, 3, 14, 0), 'warning');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-junit-'));
    try {
      const file = path.join(dir, 'check.xml');
      fs.writeFileSync(file, xml);
      const lint = spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' });
      expect(lint.error).toBeUndefined();
      expect(lint.stderr).toBe('');
      expect(lint.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(xml).toMatch(
      /<testsuite name="kubelet-studio check" tests="4" failures="2" errors="1" skipped="0" time="3\.630" timestamp="2026-12-03T14:00:00">/,
    );
    expect(xml).toMatch(
      /<testcase name="cp-1" classname="kubelet-studio\.check\.cp-1" time="1\.200">\s*<system-out>info: fine/,
    );
    expect(xml).toMatch(
      /<testcase name="cp-2"[^>]*>\s*<failure message="apiserver certificate expires in 20 days" type="warning">/,
    );
    expect(xml).toContain('&lt;bad&gt; &amp; &quot;quoted&quot;  [31m');
    expect(xml).toMatch(
      /<testcase name="cp-4"[^>]*>\s*<error message="connect ECONNREFUSED 10\.0\.0\.14:22" type="unreachable">/,
    );
    // With --fail-on error, cp-2's warning is no failure.
    expect(junitReport(RESULTS, 0, 'error')).toMatch(/failures="1" errors="1"/);
  });
});
