/**
 * `etcdctl` as the etcd image runs it, reached only through `crictl exec <etcd container>`
 * (docs/doctor.md "Simulation"). Output formats from etcd v3.5's etcdctl/ctlv3/command:
 * `-w json` is Go's encoding/json of the gRPC responses (compact, struct field order, uint64 as
 * numbers, omitempty fields left out); the simple printer's lines (`Member %16x added to cluster
 * %16x`); `endpoint health` prints its list and then fails with `Error: unhealthy cluster`
 * when an endpoint has an error (an active alarm counts: "Active Alarm(s): NOSPACE ").
 */
import fs from 'node:fs';
import type { CommandIO } from './io';
import {
  addMember,
  disarmAlarms,
  loadSimEtcd,
  removeMember,
  type SimEtcd,
  type SimEtcdMember,
} from '../etcd/etcd-state';

const ALARM_NAMES: Record<number, string> = { 1: 'NOSPACE', 2: 'CORRUPT' };

function header(etcd: SimEtcd, withRevision: boolean): string {
  return `{"cluster_id":${etcd.clusterId},"member_id":${etcd.self.id}${withRevision ? `,"revision":${etcd.raftIndex - 3000}` : ''},"raft_term":${etcd.raftTerm}}`;
}

function memberJson(m: SimEtcdMember): string {
  const parts = [`"ID":${m.id}`];
  if (m.name) parts.push(`"name":${JSON.stringify(m.name)}`);
  if (m.peerURLs.length) parts.push(`"peerURLs":${JSON.stringify(m.peerURLs)}`);
  if (m.clientURLs.length) parts.push(`"clientURLs":${JSON.stringify(m.clientURLs)}`);
  return `{${parts.join(',')}}`;
}

function alarmText(etcd: SimEtcd, a: { memberID: bigint; alarm: number }): string {
  return `memberID:${a.memberID} alarm:${ALARM_NAMES[a.alarm] ?? a.alarm} `;
}

export interface EtcdctlContext {
  io: CommandIO;
  /** The etcd container's command line (its flags describe the member). */
  command: readonly string[];
  /** A path inside the container (same as on the host for kubeadm's mounts) → this machine's path. */
  hostPath(p: string): string;
}

export function runEtcdctl(ctx: EtcdctlContext, argv: string[]): number {
  const { io } = ctx;
  const opts = new Map<string, string>();
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const m = /^--?([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) words.push(a);
    else if (m[2] !== undefined) opts.set(m[1] as string, m[2]);
    else if (
      ['w', 'write-out', 'endpoints', 'cacert', 'cert', 'key', 'peer-urls', 'command-timeout'].includes(
        m[1] as string,
      )
    )
      opts.set(m[1] as string, argv[++i] ?? '');
    else opts.set(m[1] as string, 'true');
  }
  const fail = (message: string) => {
    io.stderr.write(`Error: ${message}\n`);
    return 1;
  };
  for (const f of ['cacert', 'cert', 'key']) {
    const p = opts.get(f);
    if (p && !fs.existsSync(ctx.hostPath(p))) return fail(`open ${p}: no such file or directory`);
  }
  const out = opts.get('w') ?? opts.get('write-out') ?? 'simple';
  const endpoint = (opts.get('endpoints') ?? '127.0.0.1:2379').split(',')[0] as string;
  const etcd = loadSimEtcd(ctx.command, ctx.hostPath);
  const cmd = words.slice(0, 2).join(' ');
  switch (cmd) {
    case 'member list':
      if (out === 'json')
        io.stdout.write(
          `{"header":${header(etcd, false)},"members":[${etcd.members.map(memberJson).join(',')}]}\n`,
        );
      else
        for (const m of etcd.members)
          io.stdout.write(
            `${m.id.toString(16)}, ${m.name ? 'started' : 'unstarted'}, ${m.name}, ${m.peerURLs.join(',')}, ${m.clientURLs.join(',')}, false\n`,
          );
      return 0;
    case 'endpoint status': {
      const errors = etcd.alarms.map((a) => JSON.stringify(alarmText(etcd, a)));
      const status =
        `{"header":${header(etcd, true)},"version":"${etcd.version}","dbSize":${etcd.dbSize},"leader":${etcd.self.id},` +
        `"raftIndex":${etcd.raftIndex},"raftTerm":${etcd.raftTerm},"raftAppliedIndex":${etcd.raftIndex}` +
        `${errors.length ? `,"errors":[${errors.join(',')}]` : ''},"dbSizeInUse":${Math.floor(etcd.dbSize * 0.9)}}`;
      if (out === 'json') io.stdout.write(`[{"Endpoint":${JSON.stringify(endpoint)},"Status":${status}}]\n`);
      else
        io.stdout.write(
          `${endpoint}, ${etcd.self.id.toString(16)}, ${etcd.version}, ${etcd.dbSize} B, true, false, ${etcd.raftTerm}, ${etcd.raftIndex}, ${etcd.raftIndex}, ${etcd.alarms.map((a) => alarmText(etcd, a)).join(', ')}\n`,
        );
      return 0;
    }
    case 'endpoint health': {
      const targets = opts.has('cluster') ? etcd.members.flatMap((m) => m.clientURLs) : [endpoint];
      const list = targets.map((ep) => {
        const self = etcd.self.clientURLs.includes(ep) || ep === endpoint;
        const alarm = etcd.alarms.length
          ? `Active Alarm(s): ${etcd.alarms.map((a) => `${ALARM_NAMES[a.alarm] ?? 'UNKNOWN'} `).join('')}`
          : '';
        if (!self) return { endpoint: ep, health: false, took: '', error: 'context deadline exceeded' };
        return { endpoint: ep, health: alarm === '', took: '1.843562ms', ...(alarm ? { error: alarm } : {}) };
      });
      if (out === 'json') io.stdout.write(`${JSON.stringify(list)}\n`);
      else
        for (const h of list) {
          if (h.health)
            io.stdout.write(`${h.endpoint} is healthy: successfully committed proposal: took = ${h.took}\n`);
          else io.stderr.write(`${h.endpoint} is unhealthy: failed to commit proposal: ${h.error}\n`);
        }
      return list.some((h) => !h.health) ? fail('unhealthy cluster') : 0;
    }
    case 'alarm list':
      if (out === 'json')
        io.stdout.write(
          `{"header":${header(etcd, true)}${etcd.alarms.length ? `,"alarms":[${etcd.alarms.map((a) => `{"memberID":${a.memberID},"alarm":${a.alarm}}`).join(',')}]` : ''}}\n`,
        );
      else for (const a of etcd.alarms) io.stdout.write(`${alarmText(etcd, a)}\n`);
      return 0;
    case 'alarm disarm':
      for (const a of etcd.alarms) io.stdout.write(`${alarmText(etcd, a)}\n`);
      disarmAlarms(etcd);
      return 0;
    case 'member add': {
      const peers = (opts.get('peer-urls') ?? '').split(',').filter(Boolean);
      if (!words[2] || peers.length === 0) return fail('member name and --peer-urls are required');
      const m = addMember(etcd, peers);
      io.stdout.write(
        `Member ${m.id.toString(16).padStart(16, ' ')} added to cluster ${etcd.clusterId.toString(16).padStart(16, ' ')}\n`,
      );
      return 0;
    }
    case 'member remove': {
      const id = words[2] ?? '';
      if (!removeMember(etcd, id)) return fail(`etcdserver: member not found`);
      io.stdout.write(
        `Member ${id.padStart(16, ' ')} removed from cluster ${etcd.clusterId.toString(16).padStart(16, ' ')}\n`,
      );
      return 0;
    }
    default:
      return fail(`unknown command "${words.join(' ')}" for "etcdctl"`);
  }
}
