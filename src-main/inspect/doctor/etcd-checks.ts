/**
 * The doctor's etcd checks: etcdctl run inside the etcd static pod's container (member list,
 * endpoint status and health, alarms), each recorded as a check that ran or why it could not.
 */
import type { DoctorFinding } from '../../contract/domain/doctor';
import type { BatchSection } from '../../node/batch/batch-script';
import type { DoctorPaths } from '../../node/doctor/doctor-paths';
import type { EtcdctlTarget } from '../../node/etcd/etcd-commands';
import {
  parseAlarmList,
  parseEndpointHealth,
  parseEndpointStatus,
  parseMemberList,
} from '../../node/etcd/etcdctl-json';
import type { RecordCheck } from './doctor-finding';
import { etcdFindings } from './etcd-findings';
import { sectionFailure, type ManifestContainer, type NodeReading } from './node-reading';

export function etcdChecks(
  etcdContainer: ManifestContainer | undefined,
  etcd: EtcdctlTarget | null,
  second: Map<string, BatchSection>,
  paths: DoctorPaths,
  reading: NodeReading,
  check: RecordCheck,
): DoctorFinding[] {
  if (!etcdContainer)
    check('etcd', 'etcd', false, 'no etcd static pod on this node (no manifest with a container named etcd)');
  else if (!etcd)
    check(
      'etcd',
      'etcd',
      false,
      `the etcd manifest lacks --trusted-ca-file, --cert-file, --key-file or --listen-client-urls`,
    );
  else {
    const idFailure = second.get('etcdid');
    const sec = (n: string) => second.get(n);
    const members =
      sec('etcdmembers')?.code === 0 ? parseMemberList(sec('etcdmembers')!.stdout.toString('utf8')) : null;
    const status =
      sec('etcdstatus')?.code === 0 ? parseEndpointStatus(sec('etcdstatus')!.stdout.toString('utf8')) : null;
    const health = sec('etcdhealth') ? parseEndpointHealth(sec('etcdhealth')!.stdout.toString('utf8')) : null;
    const alarms =
      sec('etcdalarms')?.code === 0 ? parseAlarmList(sec('etcdalarms')!.stdout.toString('utf8')) : null;
    if (idFailure)
      check(
        'etcd',
        'etcd',
        false,
        `no running etcd container to exec into${idFailure.stderr.trim() ? `: ${idFailure.stderr.trim()}` : ''}`,
      );
    else {
      const reads: Array<[name: string, section: string, read: string | null]> = [
        ['etcdctl member list', 'etcdmembers', members ? `${members.length} members` : null],
        ['etcdctl endpoint status', 'etcdstatus', status ? `${status.length} endpoint(s)` : null],
        [
          'etcdctl endpoint health',
          'etcdhealth',
          health ? `${health.filter((h) => h.health).length}/${health.length} healthy` : null,
        ],
        ['etcdctl alarm list', 'etcdalarms', alarms ? `${alarms.length} alarm(s)` : null],
      ];
      for (const [name, section, read] of reads)
        check('etcd', name, read !== null, read ?? sectionFailure(sec(section), name) ?? 'not parsed');
      const cr = paths.crictl.join(' ');
      return etcdFindings({
        target: etcd,
        etcdctl: `${cr} exec $(${cr} ps --name '^etcd$' -q | head -n 1) etcdctl --endpoints=${etcd.endpoint} --cacert=${etcd.cacert} --cert=${etcd.cert} --key=${etcd.key}`,
        members,
        status,
        health,
        alarms,
        controlPlanes: reading.controlPlanes,
      });
    }
  }
  return [];
}
