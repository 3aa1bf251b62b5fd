/** How a verdict names the kubelet it speaks for, read or assumed (src-main/kubelet/kubelet-version.ts). */
import { describe, expect, it } from 'vitest';
import {
  ASSUMED_VERSION,
  describeVersion,
  judgedAsPhrase,
  parseKubeletVersion,
  type KubeletVersion,
} from '../../../src-main/kubelet/kubelet-version';

const read = (text: string, source: KubeletVersion['source'] = 'kubelet-binary'): KubeletVersion => {
  const version = parseKubeletVersion(text, source);
  if (!version) throw new Error(`not a version: ${text}`);
  return version;
};

describe('judgedAsPhrase', () => {
  it('names the version read', () => {
    expect(judgedAsPhrase(read('v1.32.2'))).toBe('as kubelet v1.32.2 judges it');
    expect(judgedAsPhrase(read('v1.30.4+k3s1', 'distribution-binary'))).toBe(
      'as kubelet v1.30.4+k3s1 judges it',
    );
  });

  it('says when a version outside the known rules is judged by the nearest known', () => {
    expect(judgedAsPhrase(read('v1.40.1'))).toBe(
      'as kubelet v1.40.1 judges it (judged as v1.36, the newest rules known here)',
    );
    expect(judgedAsPhrase(read('v1.21.0'))).toBe(
      'as kubelet v1.21.0 judges it (judged as v1.27, the oldest rules known here)',
    );
  });

  it('says an assumed version is unknown', () => {
    expect(judgedAsPhrase(ASSUMED_VERSION)).toBe(
      'kubelet version unknown: judged as v1.36, the newest rules',
    );
  });
});

describe('describeVersion', () => {
  it("says where a distribution's version came from", () => {
    expect(describeVersion(read('v1.30.4+k3s1', 'distribution-binary'))).toBe(
      "kubelet v1.30.4+k3s1, from the distribution binary's `--version` on the node",
    );
  });
});
