import { describe, expect, it } from 'vitest';
import { parseFindListing } from '../../../src-main/node/manifests/manifest-listing';
import { backupRootOf, backupTime, isBackupPath } from '../../../src-main/node/manifests/script-helpers';

describe('the NUL-delimited find listing', () => {
  it('keeps names with spaces, newlines and quotes, and symlink targets', () => {
    const raw = [
      'a b\n"c".yaml',
      'f',
      'f',
      '12',
      'root',
      'etcd',
      '640',
      '1700000000.5',
      '',
      'link',
      'l',
      'N',
      '4',
      'root',
      'root',
      '777',
      '1700000001.0',
      '/gone',
      '',
    ].join('\0');
    expect(parseFindListing(Buffer.from(raw))).toEqual([
      {
        name: 'a b\n"c".yaml',
        type: 'f',
        targetType: 'f',
        size: 12,
        owner: 'root',
        group: 'etcd',
        mode: '0640',
        mtime: 1700000000500,
        symlinkTarget: null,
      },
      {
        name: 'link',
        type: 'l',
        targetType: 'N',
        size: 4,
        owner: 'root',
        group: 'root',
        mode: '0777',
        mtime: 1700000001000,
        symlinkTarget: '/gone',
      },
    ]);
  });
});

describe('the backup area', () => {
  it('is <dirname(staticPodPath)>/tmp, as kubeadm uses /etc/kubernetes/tmp', () => {
    expect(backupRootOf('/etc/kubernetes/manifests/')).toBe('/etc/kubernetes/tmp');
  });
  it('accepts only backup files in it', () => {
    expect(
      isBackupPath(
        '/etc/kubernetes/tmp/kubelet-studio-backup-2024-10-11-01-09-21/etcd.yaml',
        '/etc/kubernetes/manifests',
      ),
    ).toBe(true);
    expect(
      isBackupPath(
        '/etc/kubernetes/tmp/kubelet-studio-backup-2024-10-11-01-09-21.3/etcd.yaml',
        '/etc/kubernetes/manifests',
      ),
    ).toBe(true);
    expect(
      isBackupPath(
        '/etc/kubernetes/tmp/kubelet-studio-backup-2024-10-11-01-09-21/../../admin.conf',
        '/etc/kubernetes/manifests',
      ),
    ).toBe(false);
    expect(isBackupPath('/etc/kubernetes/admin.conf', '/etc/kubernetes/manifests')).toBe(false);
    expect(
      isBackupPath(
        '/etc/kubernetes/tmp/kubeadm-backup-manifests-2024-10-11-01-09-21/etcd.yaml',
        '/etc/kubernetes/manifests',
      ),
    ).toBe(false);
  });
  it('reads the time from the directory stamp (UTC)', () => {
    expect(backupTime('kubelet-studio-backup-2024-10-11-01-09-21')).toBe(Date.UTC(2024, 9, 11, 1, 9, 21));
  });
});
