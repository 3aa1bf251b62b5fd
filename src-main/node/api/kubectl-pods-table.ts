/**
 * `kubectl get pods [-A] [-o wide]` and the pods part of `kubectl get all` (docs/kubelet.md
 * §4.2): `[NAMESPACE] NAME READY STATUS RESTARTS AGE [IP NODE NOMINATED NODE READINESS GATES]`.
 * Columns are found by header name; RESTARTS may read `4 (2m ago)`; `<none>` means absent;
 * `kubectl get all` prefixes names with `pod/`.
 */
import type { KubectlPodRow } from '../../contract/domain/pods';
import type { ParseIssue, ParseResult } from '../../contract/domain/parse';
import { mapRow, readHeader, textLines } from './tool-output/table-columns';

export function parseKubectlPodsTable(text: string): ParseResult<KubectlPodRow[]> {
  const issues: ParseIssue[] = [];
  const lines = textLines(text);
  const headerAt = lines.findIndex((l) => /^(NAMESPACE\s{2,})?NAME\s{2,}READY\s{2,}STATUS\b/.test(l));
  if (headerAt < 0) {
    return lines.every((l) => l === '')
      ? { ok: false, error: 'empty output', issues }
      : { ok: false, error: 'no kubectl pods table header found', issues };
  }
  const columns = readHeader(lines[headerAt]!);
  const value: KubectlPodRow[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') break;
    const cells = mapRow(columns, line);
    const row = cells ? toRow(cells) : null;
    if (row === null) {
      issues.push({ line: i + 1, message: `not a pods table row: ${line}` });
      continue;
    }
    value.push(row);
  }
  return { ok: true, value, issues, truncated: false };
}

function toRow(cells: Map<string, string>): KubectlPodRow | null {
  const ready = /^(\d+)\/(\d+)$/.exec(cells.get('READY') ?? '');
  const restarts = /^(\d+)(?: \((.+) ago\))?$/.exec(cells.get('RESTARTS') ?? '');
  const name = cells.get('NAME');
  if (!ready || !restarts || name === undefined) return null;
  return {
    namespace: cells.get('NAMESPACE') ?? null,
    name: name.startsWith('pod/') ? name.slice(4) : name,
    readyContainers: Number(ready[1]),
    totalContainers: Number(ready[2]),
    status: cells.get('STATUS') ?? '',
    restarts: Number(restarts[1]),
    lastRestartAgo: restarts[2] ?? null,
    age: cells.get('AGE') ?? '',
    ip: none(cells.get('IP')),
    node: none(cells.get('NODE')),
    nominatedNode: none(cells.get('NOMINATED NODE')),
    readinessGates: none(cells.get('READINESS GATES')),
  };
}

function none(v: string | undefined): string | null {
  return v === undefined || v === '<none>' ? null : v;
}
