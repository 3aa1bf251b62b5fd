/**
 * The simulated etcd member behind `crictl exec <etcd> etcdctl …` (docs/doctor.md "Simulation"):
 * its own member comes from the etcd container's flags (`--name`, `--initial-advertise-peer-urls`,
 * `--advertise-client-urls`, `--quota-backend-bytes`, `--data-dir`); the DB size is the real size
 * of `<data-dir>/member/snap/db` (a test makes it large with a sparse file); members added with
 * `etcdctl member add` are kept in `<data-dir>/member/sim-members.json` and stay "unstarted" (no
 * name) because nothing joins; NOSPACE is raised when the DB size reaches the quota and stays
 * until `etcdctl alarm disarm`, as etcd keeps an alarm until it is disarmed [docs: etcd
 * "Maintenance", Space quota].
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const DEFAULT_QUOTA_BYTES = 2 * 1024 * 1024 * 1024;

export interface SimEtcdMember {
  id: bigint;
  name: string;
  peerURLs: string[];
  clientURLs: string[];
}

export interface SimEtcd {
  clusterId: bigint;
  self: SimEtcdMember;
  members: SimEtcdMember[];
  dbSize: number;
  quota: number;
  alarms: Array<{ memberID: bigint; alarm: number }>;
  raftIndex: number;
  raftTerm: number;
  version: string;
  dataDir: string;
}

function flag(command: readonly string[], name: string): string | null {
  const hit = command.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : null;
}

/** A stable 64-bit id from text, like etcd's member ids derived from peer URLs and cluster name. */
export function idOf(text: string): bigint {
  return crypto.createHash('sha256').update(text).digest().readBigUInt64BE(0) & 0x7fffffffffffffffn;
}

interface Stored {
  added: Array<{ id: string; peerURLs: string[] }>;
  alarms: string[];
}

function storeFile(dataDir: string): string {
  return path.join(dataDir, 'member', 'sim-members.json');
}

function readStored(dataDir: string): Stored {
  try {
    const v = JSON.parse(fs.readFileSync(storeFile(dataDir), 'utf8')) as Stored;
    return { added: Array.isArray(v.added) ? v.added : [], alarms: Array.isArray(v.alarms) ? v.alarms : [] };
  } catch {
    return { added: [], alarms: [] };
  }
}

function writeStored(dataDir: string, stored: Stored): void {
  fs.mkdirSync(path.dirname(storeFile(dataDir)), { recursive: true });
  fs.writeFileSync(storeFile(dataDir), JSON.stringify(stored));
}

/** `hostDir` maps the container's data dir to where it is on this machine (the sandbox's root). */
export function loadSimEtcd(command: readonly string[], hostDir: (p: string) => string): SimEtcd {
  const dataDir = hostDir(flag(command, 'data-dir') ?? '/var/lib/etcd');
  const name = flag(command, 'name') ?? 'default';
  const peer = (flag(command, 'initial-advertise-peer-urls') ?? 'http://localhost:2380').split(',');
  const client = (flag(command, 'advertise-client-urls') ?? 'http://localhost:2379').split(',');
  const quotaFlag = flag(command, 'quota-backend-bytes');
  const quota =
    quotaFlag && /^\d+$/.test(quotaFlag) && Number(quotaFlag) > 0 ? Number(quotaFlag) : DEFAULT_QUOTA_BYTES;
  let dbSize = 20 * 1024 * 1024;
  try {
    dbSize = fs.statSync(path.join(dataDir, 'member', 'snap', 'db')).size;
  } catch {
    // no db file: a fresh member's ~20 MiB
  }
  const self: SimEtcdMember = {
    id: idOf(`${name} ${peer.join(',')}`),
    name,
    peerURLs: peer,
    clientURLs: client,
  };
  const stored = readStored(dataDir);
  if (dbSize >= quota && !stored.alarms.includes('NOSPACE')) {
    stored.alarms.push('NOSPACE');
    writeStored(dataDir, stored);
  }
  return {
    clusterId: idOf(`cluster ${peer.join(',')}`),
    self,
    members: [
      self,
      ...stored.added.map((m) => ({
        id: BigInt(`0x${m.id}`),
        name: '',
        peerURLs: m.peerURLs,
        clientURLs: [],
      })),
    ],
    dbSize,
    quota,
    alarms: stored.alarms.map((a) => ({ memberID: self.id, alarm: a === 'NOSPACE' ? 1 : 2 })),
    raftIndex: 4000 + Math.floor(dbSize / 4096),
    raftTerm: 2,
    version: '3.5.16',
    dataDir,
  };
}

export function addMember(etcd: SimEtcd, peerURLs: string[]): SimEtcdMember {
  const stored = readStored(etcd.dataDir);
  const id = idOf(`added ${peerURLs.join(',')} ${stored.added.length}`);
  stored.added.push({ id: id.toString(16), peerURLs });
  writeStored(etcd.dataDir, stored);
  return { id, name: '', peerURLs, clientURLs: [] };
}

export function removeMember(etcd: SimEtcd, idHex: string): boolean {
  const stored = readStored(etcd.dataDir);
  const before = stored.added.length;
  stored.added = stored.added.filter((m) => m.id !== idHex.toLowerCase());
  writeStored(etcd.dataDir, stored);
  return stored.added.length < before;
}

export function disarmAlarms(etcd: SimEtcd): void {
  const stored = readStored(etcd.dataDir);
  stored.alarms = [];
  writeStored(etcd.dataDir, stored);
}
