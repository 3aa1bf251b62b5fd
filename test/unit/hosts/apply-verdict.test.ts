import { describe, expect, it } from 'vitest';
import { formatVerdict } from '../../../src-main/hosts/cli/commands/apply';

describe('kubelet-studio apply, human output', () => {
  it("prints the verdict with its evidence: the crashing container's last lines", () => {
    const text = formatVerdict({
      kind: 'crash-looping',
      summary: 'kube-apiserver keeps exiting (restarted 2 times).',
      detail: 'kube-apiserver exited with code 1',
      evidence: ['Error: unknown flag: --this-is-very-wrong'],
    });
    expect(text.split('\n')).toEqual([
      'crash-looping: kube-apiserver keeps exiting (restarted 2 times).',
      '  kube-apiserver exited with code 1',
      '  | Error: unknown flag: --this-is-very-wrong',
    ]);
  });

  it('says when there was no verdict', () => {
    expect(formatVerdict(null)).toBe('no verdict');
  });
});
