import { describe, expect, it } from 'vitest';
import {
  compactImage,
  containersText,
  containersTitle,
} from '../../../src-renderer/features/pods/compact-cells';

// The short forms of the Pods table's cells (issue 6 point 1); the full values go in titles.
describe('compactImage', () => {
  const hex = 'c1ed6b11283b9fa3e5d3b6b2a4f0b2a8f1d77e7c1b0e6f3a2d9c8b7a6f5e4d3c';
  it('shows a digest image id as crictl IMAGE does: 13 hex characters (docs/kubelet.md §3.2)', () => {
    expect(compactImage(`sha256:${hex}`)).toBe('c1ed6b11283b9');
    expect(compactImage(hex)).toBe('c1ed6b11283b9');
  });
  it('shows the tag of a tagged reference, also with a registry port or a digest after it', () => {
    expect(compactImage('registry.k8s.io/kube-scheduler:v1.32.2')).toBe('v1.32.2');
    expect(compactImage('localhost:5000/etcd:3.5.16-0')).toBe('3.5.16-0');
    expect(compactImage(`registry.k8s.io/pause:3.10@sha256:${hex}`)).toBe('3.10');
  });
  it("shows containerd's repo@sha256 imageRef as @ and 12 hex characters (§3.3)", () => {
    expect(compactImage(`registry.k8s.io/kube-scheduler@sha256:${hex}`)).toBe('@c1ed6b11283b');
  });
  it('falls back to the last path segment, and a dash when empty', () => {
    expect(compactImage('localhost:5000/busybox')).toBe('busybox');
    expect(compactImage('nginx')).toBe('nginx');
    expect(compactImage('')).toBe('–');
  });
});

describe('container cells', () => {
  it('lists ids then short images; the title pairs each id with its full image', () => {
    const ids = ['2e3b6e8996ed5', 'ab08327fb7b95'];
    const images = ['registry.k8s.io/a:v1', 'registry.k8s.io/b:v2'];
    expect(containersText(ids, images)).toBe('2e3b6e8996ed5 ab08327fb7b95 v1 v2');
    expect(containersTitle(ids, images)).toBe(
      '2e3b6e8996ed5  registry.k8s.io/a:v1\nab08327fb7b95  registry.k8s.io/b:v2',
    );
    expect(containersText([], [])).toBe('–');
    expect(containersTitle([], [])).toBe('');
  });
});
