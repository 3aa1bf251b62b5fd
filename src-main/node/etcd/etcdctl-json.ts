/**
 * etcdctl's `-w json` output (etcdctl/ctlv3/command/printer_json.go): encoding/json of the gRPC
 * responses, so member IDs, cluster IDs and raft indexes are uint64 **numbers**, beyond what a
 * JavaScript number holds exactly. Numbers of 16 digits or more are read as strings first
 * (bigNumbersAsStrings) and IDs are shown in hex, as etcdctl's tables print them.
 * Field names [src: etcd api/etcdserverpb/rpc.pb.go json tags; ctlv3/command/ep_command.go]:
 * member list `{header:{cluster_id,member_id,raft_term}, members:[{ID,name,peerURLs,clientURLs,isLearner}]}`;
 * endpoint status `[{Endpoint, Status:{header, version, dbSize, leader, raftIndex, raftTerm,
 * raftAppliedIndex, errors, dbSizeInUse, isLearner, dbSizeQuota (3.6)}}]`; endpoint health
 * `[{endpoint, health, took, error}]`; alarm list `{header, alarms:[{memberID, alarm}]}` with
 * alarm 1 = NOSPACE, 2 = CORRUPT (AlarmType).
 */
import { parseBoundedJson } from '../doctor/bounded-json';

export interface EtcdMember {
  /** Hex, as etcdctl's table prints it. */
  id: string;
  name: string;
  peerUrls: string[];
  clientUrls: string[];
  isLearner: boolean;
}

export interface EtcdStatus {
  endpoint: string;
  memberId: string;
  leader: string;
  version: string;
  dbSize: number;
  dbSizeInUse: number | null;
  dbSizeQuota: number | null;
  raftIndex: string;
  raftTerm: string;
  raftAppliedIndex: string;
  errors: string[];
}

export interface EtcdHealth {
  endpoint: string;
  health: boolean;
  took: string;
  error: string | null;
}

export interface EtcdAlarm {
  memberId: string;
  alarm: string;
}

const ALARM_TYPES: Record<string, string> = { '0': 'NONE', '1': 'NOSPACE', '2': 'CORRUPT' };

/** Quotes unquoted integers of 16 or more digits, outside strings, so JSON.parse keeps them exact. */
export function bigNumbersAsStrings(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    if (c >= '0' && c <= '9' && !/[0-9.eE+-]/.test(text[i - 1] ?? '')) {
      let j = i;
      while (j < text.length && text[j]! >= '0' && text[j]! <= '9') j++;
      const digits = text.slice(i, j);
      const next = text[j] ?? '';
      out += digits.length >= 16 && !/[.eE]/.test(next) ? `"${digits}"` : digits;
      i = j - 1;
      continue;
    }
    out += c;
  }
  return out;
}

function json(text: string): unknown {
  const parsed = parseBoundedJson(bigNumbersAsStrings(text.trim()));
  return parsed.ok ? parsed.value : undefined;
}

const rec = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter(Boolean) : []);

/** A decimal uint64 (number or string) as etcdctl's `%x`. */
export function hexId(v: unknown): string {
  const s = str(v);
  if (!/^\d+$/.test(s)) return s;
  return BigInt(s).toString(16);
}

export function parseMemberList(text: string): EtcdMember[] | null {
  const value = rec(json(text));
  if (!Array.isArray(value.members)) return null;
  return value.members.slice(0, 100).map((m) => {
    const r = rec(m);
    return {
      id: hexId(r.ID),
      name: str(r.name),
      peerUrls: strs(r.peerURLs),
      clientUrls: strs(r.clientURLs ?? r.clientURLS),
      isLearner: r.isLearner === true,
    };
  });
}

export function parseEndpointStatus(text: string): EtcdStatus[] | null {
  const value = json(text);
  if (!Array.isArray(value)) return null;
  return value.slice(0, 100).map((entry) => {
    const r = rec(entry);
    const s = rec(r.Status);
    const num = (v: unknown): number | null => {
      const t = str(v);
      return /^\d+$/.test(t) ? Number(t) : null;
    };
    return {
      endpoint: str(r.Endpoint),
      memberId: hexId(rec(s.header).member_id),
      leader: hexId(s.leader),
      version: str(s.version),
      dbSize: num(s.dbSize) ?? 0,
      dbSizeInUse: num(s.dbSizeInUse),
      dbSizeQuota: num(s.dbSizeQuota),
      raftIndex: str(s.raftIndex),
      raftTerm: str(s.raftTerm),
      raftAppliedIndex: str(s.raftAppliedIndex),
      errors: strs(s.errors),
    };
  });
}

export function parseEndpointHealth(text: string): EtcdHealth[] | null {
  // etcdctl prints the JSON array on stdout even when it then exits 1 ("unhealthy cluster").
  const line = text.split('\n').find((l) => l.trim().startsWith('['));
  const value = line ? json(line) : undefined;
  if (!Array.isArray(value)) return null;
  return value.slice(0, 100).map((entry) => {
    const r = rec(entry);
    return {
      endpoint: str(r.endpoint),
      health: r.health === true,
      took: str(r.took),
      error: str(r.error) || null,
    };
  });
}

export function parseAlarmList(text: string): EtcdAlarm[] | null {
  const value = rec(json(text));
  if (Object.keys(value).length === 0) return null;
  const alarms = Array.isArray(value.alarms) ? value.alarms : [];
  return alarms.slice(0, 100).map((a) => {
    const r = rec(a);
    const type = str(r.alarm);
    return { memberId: hexId(r.memberID), alarm: ALARM_TYPES[type] ?? type };
  });
}
