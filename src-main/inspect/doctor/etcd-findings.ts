/**
 * etcd's health as etcdctl reports it inside the etcd container (docs/doctor.md "etcd"):
 * active alarms (NOSPACE: the backend reached its quota and etcd only accepts reads and deletes
 * [docs: etcd "Maintenance" — Space quota]), a database near its quota, unhealthy endpoints, and
 * members that match no control-plane node (a failed join or a node removed without
 * `etcdctl member remove`; "unstarted" members have no name, as etcdctl's table says).
 */
import type { DoctorFinding } from '../../contract/domain/doctor';
import type { EtcdAlarm, EtcdHealth, EtcdMember, EtcdStatus } from '../../node/etcd/etcdctl-json';
import { ETCD_DEFAULT_QUOTA_BYTES, type EtcdctlTarget } from '../../node/etcd/etcd-commands';
import { formatBytes } from './doctor-finding';

export interface EtcdInput {
  target: EtcdctlTarget;
  /** The etcdctl prefix for next steps: `crictl exec <id> etcdctl --endpoints=… --cacert=… …`. */
  etcdctl: string;
  members: EtcdMember[] | null;
  status: EtcdStatus[] | null;
  health: EtcdHealth[] | null;
  alarms: EtcdAlarm[] | null;
  /** Control-plane node names and addresses from the API, or null when it did not answer. */
  controlPlanes: Array<{ name: string; addresses: string[] }> | null;
}

const NEAR_QUOTA = 0.8;

export function etcdFindings(input: EtcdInput): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  const status = input.status?.[0];
  const quota = status?.dbSizeQuota ?? input.target.quotaBytes ?? ETCD_DEFAULT_QUOTA_BYTES;
  const quotaFrom = status?.dbSizeQuota
    ? 'endpoint status dbSizeQuota'
    : input.target.quotaBytes
      ? '--quota-backend-bytes in the etcd manifest'
      : "etcd's default quota (2 GiB): the manifest sets no --quota-backend-bytes";
  const statusLine = status
    ? `endpoint status ${status.endpoint}: version ${status.version}, DB size ${formatBytes(status.dbSize)} (${status.dbSize} bytes), leader ${status.leader}, raft index ${status.raftIndex}, raft term ${status.raftTerm}${status.errors.length ? `, errors: ${status.errors.join('; ')}` : ''}`
    : null;
  for (const alarm of input.alarms ?? []) {
    out.push({
      kind: 'etcd-alarm',
      area: 'etcd',
      severity: 'error',
      title: `etcd alarm ${alarm.alarm} on member ${alarm.memberId}`,
      explanation:
        alarm.alarm === 'NOSPACE'
          ? 'etcd reached its space quota and refuses writes ("etcdserver: mvcc: database space exceeded"): the API server cannot change anything until space is reclaimed and the alarm is disarmed.'
          : `etcd raised the ${alarm.alarm} alarm.`,
      evidence: [
        `alarm list: memberID ${alarm.memberId} alarm ${alarm.alarm}`,
        ...(statusLine ? [statusLine] : []),
        `quota ${formatBytes(quota)} (${quotaFrom})`,
      ],
      nextStep:
        alarm.alarm === 'NOSPACE'
          ? `${input.etcdctl} compact $(${input.etcdctl} endpoint status -w json | grep -o '"revision":[0-9]*' | grep -o '[0-9]*') && ${input.etcdctl} defrag && ${input.etcdctl} alarm disarm`
          : `${input.etcdctl} alarm list`,
      subject: alarm.alarm,
    });
  }
  if (
    status &&
    status.dbSize >= quota * NEAR_QUOTA &&
    !(input.alarms ?? []).some((a) => a.alarm === 'NOSPACE')
  ) {
    out.push({
      kind: 'etcd-db-near-quota',
      area: 'etcd',
      severity: 'warning',
      title: `etcd's database is at ${Math.round((status.dbSize / quota) * 100)}% of its quota`,
      explanation: 'At the quota etcd raises NOSPACE and refuses writes.',
      evidence: [statusLine as string, `quota ${formatBytes(quota)} (${quotaFrom})`],
      nextStep: `${input.etcdctl} defrag`,
      subject: 'dbSize',
    });
  }
  for (const h of input.health ?? []) {
    if (h.health) continue;
    out.push({
      kind: 'etcd-unhealthy',
      area: 'etcd',
      severity: 'error',
      title: `etcd endpoint ${h.endpoint} is unhealthy`,
      explanation: 'etcdctl endpoint health could not read from this member, or it has an active alarm.',
      evidence: [
        `endpoint health: ${h.endpoint} health=false took=${h.took || '-'} error: ${h.error ?? '(none given)'}`,
      ],
      nextStep: `${input.etcdctl} endpoint status --cluster -w table`,
      subject: h.endpoint,
    });
  }
  if (input.members) {
    for (const m of input.members) {
      const unstarted = m.name === '';
      const host = (u: string) => u.replace(/^\w+:\/\//, '').replace(/:\d+$/, '');
      const matches =
        input.controlPlanes?.some(
          (n) => n.name === m.name || m.peerUrls.some((u) => n.addresses.includes(host(u))),
        ) ?? null;
      if (!unstarted && matches !== false) continue;
      const why = unstarted
        ? 'it was added but never started (etcdctl lists it as "unstarted"): a join that failed after `member add`'
        : 'no control-plane node has its name or peer address: a node removed without `etcdctl member remove`, or a failed join';
      out.push({
        kind: 'etcd-stale-member',
        area: 'etcd',
        severity: 'error',
        title: `etcd member ${m.id}${m.name ? ` (${m.name})` : ''} matches no control-plane node`,
        explanation: `A member that will never answer counts toward quorum: ${why}. With two members, losing either stops etcd.`,
        evidence: [
          `member list: ID ${m.id}, name "${m.name}", peer ${m.peerUrls.join(',') || '-'}, client ${m.clientUrls.join(',') || '-'}${unstarted ? ', unstarted' : ''}`,
          input.controlPlanes
            ? `control-plane nodes (kubectl): ${input.controlPlanes.map((n) => `${n.name} ${n.addresses.join(',')}`).join('; ') || 'none'}`
            : 'control-plane nodes: not read (the API did not answer); judged by the unstarted state alone',
          ...(input.health ?? [])
            .filter((h) => m.clientUrls.includes(h.endpoint))
            .map((h) => `endpoint health: ${h.endpoint} health=${String(h.health)} ${h.error ?? ''}`.trim()),
        ],
        nextStep: `${input.etcdctl} member remove ${m.id}`,
        subject: m.id,
      });
    }
  }
  return out;
}
