/**
 * `crictl inspect <container…>` and `crictl inspectp <pod…>` JSON (docs/kubelet.md §3.4).
 *
 * Accepted shapes: one object or an array of them (≥1.31 with several IDs), or objects
 * written back to back (older crictl); keys in proto order (≤1.30: `status` then `info`)
 * or alphabetical (≥1.31) — key order never matters to JSON.parse. `info` is the
 * runtime's verbose data: an object (containerd) or a JSON string (CRI-O).
 * `inspectp --output table` is handled in crictl-inspectp-table.ts.
 */
import type { CriContainerInspect, CriSandboxInspect } from '../../contract/domain/cri';
import type { ParseIssue, ParseResult } from '../../contract/domain/parse';
import {
  arr,
  isObject,
  nsToMs,
  num,
  numOrNull,
  obj,
  str,
  strOrNull,
  stringMap,
  type JsonObject,
} from '../api/tool-output/json-narrow';
import { parseJsonDocuments } from '../api/tool-output/json-salvage';
import {
  POD_NAME_LABEL,
  POD_NAMESPACE_LABEL,
  POD_UID_LABEL,
  containerState,
  sandboxState,
} from './cri-states';
import { looksLikeInspectpTable, parseCrictlInspectpTable } from './crictl-inspectp-table';

export function parseCrictlInspect(text: string): ParseResult<CriContainerInspect[]> {
  return parseInspect(text, toContainerInspect);
}

export function parseCrictlInspectp(text: string): ParseResult<CriSandboxInspect[]> {
  if (looksLikeInspectpTable(text)) return parseCrictlInspectpTable(text);
  return parseInspect(text, toSandboxInspect);
}

function parseInspect<T>(text: string, convert: (status: JsonObject, info: Info) => T): ParseResult<T[]> {
  const issues: ParseIssue[] = [];
  if (text.trim() === '') return { ok: false, error: 'empty output', issues };
  const docs = parseJsonDocuments(text);
  if (!docs.ok) return { ok: false, error: `not JSON: ${docs.error}`, issues };
  if (docs.truncated) issues.push({ message: 'JSON was truncated; kept the complete fields' });
  const value: T[] = [];
  for (const doc of docs.values.flatMap((d) => (Array.isArray(d) ? d : [d]))) {
    if (!isObject(doc)) {
      issues.push({ message: 'an inspect result is not an object; skipped' });
      continue;
    }
    // A bare status object (no status/info wrapper) is accepted as well.
    const status = isObject(doc.status) ? doc.status : doc;
    value.push(convert(status, readInfo(doc.info, issues)));
  }
  return { ok: true, value, issues, truncated: docs.truncated };
}

interface Info {
  json: string | null;
  pid: number | null;
}

function readInfo(raw: unknown, issues: ParseIssue[]): Info {
  if (raw === undefined || raw === null) return { json: null, pid: null };
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      issues.push({ message: 'info is a string that is not JSON; kept as text' });
      return { json: raw, pid: null };
    }
  } else if (isObject(raw)) {
    // CRI-O: info = {"info": "<JSON string>"} — unwrap one level.
    const keys = Object.keys(raw);
    if (keys.length === 1 && typeof raw.info === 'string') return readInfo(raw.info, issues);
  }
  return { json: JSON.stringify(value), pid: numOrNull(obj(value).pid) };
}

function toSandboxInspect(s: JsonObject, info: Info): CriSandboxInspect {
  const meta = obj(s.metadata);
  const network = obj(s.network);
  const options = obj(obj(obj(s.linux).namespaces).options);
  const createdAt = timeText(s.createdAt);
  // 2017 crictl had booleans (hostNetwork); current CRI has an enum (NODE = host network).
  let nsMode = strOrNull(options.network);
  if (nsMode === null && typeof options.hostNetwork === 'boolean') {
    nsMode = options.hostNetwork ? 'NODE' : 'POD';
  }
  return {
    id: str(s.id),
    name: str(meta.name),
    namespace: str(meta.namespace),
    uid: str(meta.uid),
    attempt: num(meta.attempt),
    state: sandboxState(s.state),
    createdAt,
    createdAtMs: timeMs(createdAt),
    ip: strOrNull(network.ip),
    additionalIps: arr(network.additionalIps)
      .map((a) => str(obj(a).ip))
      .filter((ip) => ip !== ''),
    networkNamespaceMode: nsMode,
    labels: stringMap(s.labels),
    annotations: stringMap(s.annotations),
    runtimeHandler: str(s.runtimeHandler),
    pid: info.pid,
    infoJson: info.json,
  };
}

function toContainerInspect(s: JsonObject, info: Info): CriContainerInspect {
  const meta = obj(s.metadata);
  const labels = stringMap(s.labels);
  const createdAt = timeText(s.createdAt);
  const startedAt = timeText(s.startedAt);
  const finishedAt = timeText(s.finishedAt);
  return {
    id: str(s.id),
    name: str(meta.name),
    attempt: num(meta.attempt),
    state: containerState(s.state),
    createdAt,
    startedAt,
    finishedAt,
    createdAtMs: timeMs(createdAt),
    startedAtMs: timeMs(startedAt),
    finishedAtMs: timeMs(finishedAt),
    exitCode: num(s.exitCode),
    image: str(obj(s.image).image),
    imageRef: str(s.imageRef),
    reason: str(s.reason),
    message: str(s.message),
    labels,
    annotations: stringMap(s.annotations),
    logPath: str(s.logPath),
    podName: labels[POD_NAME_LABEL] ?? null,
    podNamespace: labels[POD_NAMESPACE_LABEL] ?? null,
    podUid: labels[POD_UID_LABEL] ?? null,
    pid: info.pid,
    infoJson: info.json,
  };
}

/**
 * A time as printed, or null for "never": current crictl prints the Go zero time
 * `0001-01-01T00:00:00Z`, 2018 crictl printed the Unix epoch (§3.4); `0` as int64.
 */
function timeText(v: unknown): string | null {
  const t = typeof v === 'number' ? String(v) : strOrNull(v);
  if (t === null || t === '0' || t.startsWith('0001-01-01') || t.startsWith('1970-01-01T00:00:00Z')) {
    return null;
  }
  return t;
}

function timeMs(t: string | null): number | null {
  if (t === null) return null;
  if (/^\d+$/.test(t)) return nsToMs(t); // 2017 crictl: raw int64 nanoseconds
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? ms : null;
}
