import { describe, expect, it } from 'vitest';
import { cliLogFilter } from '../../../src-main/hosts/cli/commands/logs';
import { UsageError } from '../../../src-main/hosts/cli/args';

describe('kubelet-studio logs options', () => {
  it('--pod ns/name filters on the pod; a bare name matches it in any namespace', () => {
    expect(cliLogFilter('kube-system/etcd-cp', undefined)).toEqual({ pod: { pod: 'kube-system/etcd-cp' } });
    const { regex } = cliLogFilter('etcd-cp', undefined);
    const re = new RegExp(regex ?? '');
    expect(re.test('pod="kube-system/etcd-cp"')).toBe(true);
    expect(re.test('pod="kube-system/etcd-cp2"')).toBe(false);
  });

  it('--level keeps that severity and worse', () => {
    expect(cliLogFilter(undefined, 'w').severities).toEqual(['W', 'E', 'F']);
    expect(cliLogFilter(undefined, 'E').severities).toEqual(['E', 'F']);
    expect(() => cliLogFilter(undefined, 'X')).toThrow(UsageError);
  });
});
