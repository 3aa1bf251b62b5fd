/**
 * `crictl inspectp --output table` (docs/kubelet.md §3.4, real CRI-O sample in
 * fixtures/real/crictl-inspect-2017-2018-excerpts.txt (4)): `Key: value` lines, then
 * `Labels:` / `Annotations:` sections of tab-indented `key -> value` lines. Several pods
 * are separated by a new `ID:` line.
 */
import type { CriSandboxInspect } from '../../contract/domain/cri';
import type { ParseIssue, ParseResult } from '../../contract/domain/parse';
import { sandboxState } from './cri-states';

export function looksLikeInspectpTable(text: string): boolean {
  return text.trimStart().startsWith('ID: ');
}

export function parseCrictlInspectpTable(text: string): ParseResult<CriSandboxInspect[]> {
  const issues: ParseIssue[] = [];
  const value: CriSandboxInspect[] = [];
  let cur: CriSandboxInspect | null = null;
  let section: Record<string, string> | null = null;
  text.split('\n').forEach((rawLine, idx) => {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '') return;
    const arrow = line.indexOf(' -> ');
    if (section !== null && /^\s/.test(line) && arrow > 0) {
      section[line.slice(0, arrow).trim()] = line.slice(arrow + 4);
      return;
    }
    section = null;
    const colon = line.indexOf(':');
    if (colon < 0) {
      issues.push({ line: idx + 1, message: `not a "Key: value" line: ${line}` });
      return;
    }
    const key = line.slice(0, colon).trim();
    const val = line.slice(colon + 1).trim();
    if (key === 'ID') {
      cur = emptySandbox(val);
      value.push(cur);
      return;
    }
    if (cur === null) {
      issues.push({ line: idx + 1, message: `"${key}" before any ID line` });
      return;
    }
    section = applyField(cur, key, val);
  });
  return { ok: true, value, issues, truncated: false };
}

/** Apply one field; returns the map to fill when the key opens a section. */
function applyField(s: CriSandboxInspect, key: string, val: string): Record<string, string> | null {
  switch (key) {
    case 'Name':
      s.name = val;
      break;
    case 'UID':
      s.uid = val;
      break;
    case 'Namespace':
      s.namespace = val;
      break;
    case 'Attempt':
      s.attempt = Number(val) || 0;
      break;
    case 'Status':
      s.state = sandboxState(val);
      break;
    case 'Created': {
      s.createdAt = val;
      const ms = Date.parse(val);
      s.createdAtMs = Number.isFinite(ms) ? ms : null;
      break;
    }
    case 'IP Addresses':
      s.ip = val === '' ? null : val;
      break;
    case 'Additional IP':
      if (val !== '') s.additionalIps.push(val);
      break;
    case 'Labels':
      return s.labels;
    case 'Annotations':
      return s.annotations;
    default:
      break; // unknown keys are tolerated
  }
  return null;
}

function emptySandbox(id: string): CriSandboxInspect {
  return {
    id,
    name: '',
    namespace: '',
    uid: '',
    attempt: 0,
    state: 'unknown',
    createdAt: null,
    createdAtMs: null,
    ip: null,
    additionalIps: [],
    networkNamespaceMode: null,
    labels: {},
    annotations: {},
    runtimeHandler: '',
    pid: null,
    infoJson: null,
  };
}
