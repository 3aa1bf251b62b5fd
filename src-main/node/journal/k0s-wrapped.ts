/**
 * k0s supervises its kubelet and turns each output line into a logrus line of its own
 * (k0sproject/k0s pkg/supervisor/supervisor.go; docs/distributions.md "k0s"):
 *
 *   time="2024-07-08 08:46:25" level=info msg="I0708 08:46:25.876821    1814 operation_generator.go:721] \"MountVolume.SetUp succeeded …\"" component=kubelet stream=stderr
 *
 * The kubelet's klog line is the Go-quoted `msg`; `component=kubelet` marks the kubelet's lines
 * among k0s's own and its other components'. The severity is the klog letter inside.
 */
import { quoted, readGoQuoted } from './go-quoted';

/** The kubelet's klog line inside a k0s line; null for a line of another component or not k0s's form. */
export function unwrapK0sKubeletLine(line: string): string | null {
  if (!/ component=kubelet(\s|$)/.test(line)) return null;
  const at = line.indexOf(' msg="');
  if (at < 0) return null;
  const message = readGoQuoted(line, at + 5);
  if (quoted.truncated) return null;
  return message;
}
