/**
 * Reading the kubelet's version during discovery: which binary is asked on each set-up, how its
 * `--version` answer is parsed (real outputs, cited), and how a version that could not be read
 * is said to be unknown with what was tried.
 */
import { describe, expect, it } from 'vitest';
import type { NodeSetup } from '../../../../src-main/contract/domain/node-setup';
import {
  kubeletVersionProbes,
  parseProbeAnswers,
  parseVersionOutput,
  readKubeletVersion,
  type VersionProbe,
} from '../../../../src-main/node/discovery/kubelet-version-probe';
import type { NodeProcess } from '../../../../src-main/node/discovery/node-facts';

const setup = (kind: NodeSetup['kind']): NodeSetup => ({
  kind,
  role: null,
  label: kind,
  evidence: [],
  support: 'supported',
  supportNote: null,
});
const proc = (pid: number, comm: string, args: string[]): NodeProcess => ({
  pid,
  ppid: 1,
  startedAt: 0,
  comm,
  args,
});

describe('parseVersionOutput', () => {
  it.each([
    // component-base/version/verflag/verflag.go: fmt.Printf("%s %s\n", programName, version.Get()), programName "Kubernetes".
    ['Kubernetes v1.32.2\n', 'v1.32.2'],
    ['Kubernetes v1.30.14\n', 'v1.30.14'],
    // RKE2's kubelet carries its build suffix in gitVersion (Node status shows "v1.31.4+rke2r1").
    ['Kubernetes v1.31.4+rke2r1\n', 'v1.31.4+rke2r1'],
    ['Kubernetes v1.33.0-rc.1\n', 'v1.33.0-rc.1'],
    // k3s PR #2621: `k3s --version` prints its version, then Go's.
    ['k3s version v1.19.4+k3s-95ea0e16 (95ea0e16)\ngo version go1.15.2\n', 'v1.19.4+k3s-95ea0e16'],
    ['k3s version v1.30.4+k3s1 (98262b5d)\ngo version go1.22.5\n', 'v1.30.4+k3s1'],
  ])('%j → %s', (output, version) => {
    expect(parseVersionOutput(output)).toBe(version);
  });

  it.each([
    // Node.js asked --version (an interpreter, not a kubelet): not a kubelet's answer.
    'v20.20.2\n',
    '',
    'sh: 1: timeout: not found\n',
    'Kubernetes\n',
    'Kubernetes v1.32\n',
    'Error: unknown flag: --version\n',
    'Kubernetes v1.32.2 and more\n',
    'kubectl version v1.32.2\n',
  ])('%j is not a version', (output) => {
    expect(parseVersionOutput(output)).toBeNull();
  });
});

describe('kubeletVersionProbes', () => {
  it("asks a kubelet process's executable, then its argv[0], keeping arguments before the first flag", () => {
    const kubelet = proc(812, 'kubelet', ['/usr/bin/kubelet', '--config=/var/lib/kubelet/config.yaml']);
    expect(kubeletVersionProbes({ setup: setup('kubeadm'), kubelet, supervisor: null })).toEqual([
      { argv: ['/proc/812/exe'], source: 'kubelet-binary' },
      { argv: ['/usr/bin/kubelet'], source: 'kubelet-binary' },
    ]);
    const interpreted = proc(9, 'kubelet', ['kubelet', '/opt/sim/kubelet.cjs', '--v=2']);
    expect(kubeletVersionProbes({ setup: setup('kubeadm'), kubelet: interpreted, supervisor: null })).toEqual(
      [{ argv: ['/proc/9/exe', '/opt/sim/kubelet.cjs'], source: 'kubelet-binary' }],
    );
  });

  it("asks k3s's own binary (it embeds the kubelet), never a wrapper whose --version is unknown", () => {
    const k3s = proc(77, 'k3s-agent', ['/usr/local/bin/k3s', 'agent']);
    expect(kubeletVersionProbes({ setup: setup('k3s'), kubelet: null, supervisor: k3s })).toEqual([
      { argv: ['/proc/77/exe'], source: 'distribution-binary' },
      { argv: ['/usr/local/bin/k3s'], source: 'distribution-binary' },
    ]);
    const kubelite = proc(5, 'kubelite', ['/snap/microk8s/current/kubelite']);
    expect(kubeletVersionProbes({ setup: setup('microk8s'), kubelet: null, supervisor: kubelite })).toEqual(
      [],
    );
    const wrapper = proc(6, 'kubenswrapper', ['/usr/bin/kubenswrapper', '/usr/bin/kubelet', '--v=2']);
    expect(kubeletVersionProbes({ setup: setup('openshift'), kubelet: wrapper, supervisor: null })).toEqual(
      [],
    );
  });

  it('drops an argument the batch parameter cannot carry (tab, newline)', () => {
    const odd = proc(3, 'kubelet', ['/opt/kube\tlet', '--v=1']);
    expect(kubeletVersionProbes({ setup: setup('kubelet'), kubelet: odd, supervisor: null })).toEqual([
      { argv: ['/proc/3/exe'], source: 'kubelet-binary' },
    ]);
  });
});

describe('readKubeletVersion', () => {
  const probes: VersionProbe[] = [
    { argv: ['/proc/812/exe'], source: 'kubelet-binary' },
    { argv: ['/usr/bin/kubelet'], source: 'kubelet-binary' },
  ];
  const who = { setupKind: 'kubeadm', readAs: 'ks-user' };
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it('takes the first probe that answers as a kubelet, saying what it ran and read', () => {
    const answers = parseProbeAnswers(
      `V ${b64('/proc/812/exe')} 126 ${b64('timeout: failed to run command ‘/proc/812/exe’: Permission denied\n')}\n` +
        `V ${b64('/usr/bin/kubelet')} 0 ${b64('Kubernetes v1.30.4\n')}\n`,
    );
    expect(readKubeletVersion(probes, answers, who)).toEqual({
      version: 'v1.30.4',
      source: 'kubelet-binary',
      evidence: '`/usr/bin/kubelet --version` printed "Kubernetes v1.30.4"',
    });
  });

  it("passes over an answer that exits 0 but is not a kubelet's (an interpreter's own version)", () => {
    const k3sProbes: VersionProbe[] = [
      { argv: ['/proc/77/exe'], source: 'distribution-binary' },
      { argv: ['/usr/local/bin/k3s'], source: 'distribution-binary' },
    ];
    const answers = parseProbeAnswers(
      `V ${b64('/proc/77/exe')} 0 ${b64('v20.20.2\n')}\n` +
        `V ${b64('/usr/local/bin/k3s')} 0 ${b64('k3s version v1.30.4+k3s1 (98262b5d)\ngo version go1.22.5\n')}\n`,
    );
    expect(readKubeletVersion(k3sProbes, answers, { setupKind: 'k3s', readAs: 'root' })).toEqual({
      version: 'v1.30.4+k3s1',
      source: 'distribution-binary',
      evidence: '`/usr/local/bin/k3s --version` printed "k3s version v1.30.4+k3s1 (98262b5d)"',
    });
  });

  it('is unknown when no answer is a kubelet version, quoting each answer', () => {
    const answers = parseProbeAnswers(
      `V ${b64('/proc/812/exe')} 126 ${b64('Permission denied\n')}\nV ${b64('/usr/bin/kubelet')} 0 ${b64('v20.20.2\n')}\n`,
    );
    expect(readKubeletVersion(probes, answers, who)).toEqual({
      version: null,
      source: 'unknown',
      evidence:
        'not read as ks-user: `/proc/812/exe --version` exited 126 and printed "Permission denied"; `/usr/bin/kubelet --version` printed "v20.20.2"',
    });
  });

  it('is unknown, and says why, when there was nothing to ask or no answer came', () => {
    expect(readKubeletVersion([], null, { setupKind: 'microk8s', readAs: 'root' }).evidence).toBe(
      'not read: on microk8s the kubelet runs inside another program, whose --version is not known here',
    );
    expect(readKubeletVersion([], null, { setupKind: 'kubeadm', readAs: 'root' }).evidence).toBe(
      'not read: no kubelet process was found to ask',
    );
    expect(readKubeletVersion(probes, null, who)).toMatchObject({ version: null, source: 'unknown' });
  });
});
