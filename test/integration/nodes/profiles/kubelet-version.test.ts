/**
 * The kubelet's version read from a node over real OpenSSH during discovery, and the Manifests
 * view judging each file as that kubelet. Two kubeadm nodes: one whose simulated kubelet runs as
 * the default release, one started as kubelet v1.30.4 (its profile sets
 * KUBELET_SIM_KUBELET_VERSION): the version read changes with it, and the verdicts say so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeDiscovery } from '../../../../src-main/contract/domain/discovery';
import { createCore } from '../../../../src-main/core/create-core';
import { PromptBroker } from '../../../../src-main/core/prompt-broker';
import { startTestNodes, type TestNodeSet } from '../../../nodes/index';
import type { ProfileName } from '../../../nodes/profiles/types';
import { SANDBOX_DIR } from '../helpers';

type Core = Awaited<ReturnType<typeof createCore>>;

/** A core that reaches the node as ks-admin (`admin`, sudo) and ks-user (`user`, no sudo). */
async function coreFor(nodes: TestNodeSet, dataDir: string): Promise<Core> {
  const node = nodes.controlPlane;
  const host = (alias: string, user: string) => [
    `Host ${alias}`,
    '  HostName 127.0.0.1',
    `  Port ${node.port}`,
    `  User ${user}`,
    `  IdentityFile ${nodes.key('ed25519').path}`,
    '  IdentitiesOnly yes',
  ];
  const home = fs.mkdtempSync(path.join(dataDir, 'home-'));
  return createCore({
    host: 'cli',
    dataDir: fs.mkdtempSync(path.join(dataDir, 'core-')),
    prompts: new PromptBroker(async () => ({ accept: false })),
    ssh: {
      sshConfig: { home, text: [...host('admin', 'ks-admin'), ...host('user', 'ks-user'), ''].join('\n') },
      knownHosts: { userFiles: [nodes.info.knownHostsPath], systemFiles: [], appFile: path.join(home, 'kh') },
      agent: null,
    },
  });
}

// kubeadm-ubuntu starts its kubelet as `kubelet …` (a bare argv[0]); kubeadm-rhel-crio as
// `/usr/bin/kubelet …`, with KUBELET_SIM_KUBELET_VERSION=v1.30.4.
const CASES: { profile: ProfileName; version: string }[] = [
  { profile: 'kubeadm-ubuntu', version: 'v1.32.2' },
  { profile: 'kubeadm-rhel-crio', version: 'v1.30.4' },
];

describe('k3s-agent: the kubelet is inside k3s, whose own binary is asked', () => {
  let nodes: TestNodeSet;
  let core: Core;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-kubelet-version-k3s-'));
    nodes = await startTestNodes({ profile: 'k3s-agent', count: 1, sandboxDir: SANDBOX_DIR });
    core = await coreFor(nodes, dataDir);
  }, 180_000);

  afterAll(async () => {
    await core?.dispose();
    await nodes?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("reads k3s's version, the Kubernetes release it embeds, after /proc/<pid>/exe answered as Node.js", async () => {
    const id = (await core.handlers['nodes.add']({ target: 'admin' })).id;
    await core.handlers['nodes.connect']({ id });
    const found = (await core.handlers['node.discover']({ id })) as NodeDiscovery;
    expect(found.kubeletVersion).toEqual({
      version: 'v1.32.2+k3s1',
      source: 'distribution-binary',
      evidence: expect.stringMatching(
        /^`\/\S+\/k3s --version` printed "k3s version v1\.32\.2\+k3s1 \(0+\)"$/,
      ) as unknown as string,
    });
  }, 120_000);
});

describe.each(CASES)('$profile', ({ profile, version }) => {
  let nodes: TestNodeSet;
  let core: Core;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ks-kubelet-version-${profile}-`));
    nodes = await startTestNodes({ profile, count: 1, sandboxDir: SANDBOX_DIR });
    core = await coreFor(nodes, dataDir);
  }, 180_000);

  afterAll(async () => {
    await core?.dispose();
    await nodes?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function connectAs(alias: 'admin' | 'user'): Promise<string> {
    const id = (await core.handlers['nodes.add']({ target: alias })).id;
    await core.handlers['nodes.connect']({ id });
    return id;
  }

  it(`as ks-admin: the running kubelet's binary answers ${version}, and every verdict is judged as it`, async () => {
    const id = await connectAs('admin');
    const found = (await core.handlers['node.discover']({ id })) as NodeDiscovery;
    expect(found.kubeletVersion).toEqual({
      version,
      source: 'kubelet-binary',
      evidence: expect.stringMatching(
        new RegExp(
          `^\`/proc/${found.kubeletPid}/exe \\S+kubelet\\.cjs --version\` printed "Kubernetes ${version}"$`,
        ),
      ) as unknown as string,
    });
    const view = await core.handlers['manifests.list']({ id });
    expect(view.kubeletVersion).toMatchObject({ text: version, source: 'kubelet-binary' });
    const judged = view.entries.flatMap((e) =>
      e.verdict.kind === 'pod' || e.verdict.kind === 'error' ? [e] : [],
    );
    expect(judged.map((e) => e.name)).toContain('kube-scheduler.yaml');
    for (const e of judged) {
      expect(e.verdict).toMatchObject({ judgedAs: `as kubelet ${version} judges it` });
      expect(e.explanation).toContain(`as kubelet ${version} judges it`);
    }
  }, 120_000);

  it('as ks-user (no sudo): asked by the absolute path it was started as, else unknown and why', async () => {
    const found = (await core.handlers['node.discover']({ id: await connectAs('user') })) as NodeDiscovery;
    if (found.kubeletArgs[0]?.startsWith('/')) {
      expect(found.kubeletVersion).toMatchObject({ version, source: 'kubelet-binary' });
      expect(found.kubeletVersion.evidence).toMatch(
        new RegExp(
          `^\`${found.kubeletArgs[0]} \\S+kubelet\\.cjs --version\` printed "Kubernetes ${version}"$`,
        ),
      );
    } else {
      // /proc/<pid>/exe of root's kubelet cannot be run by another user, and a bare argv[0]
      // ("kubelet") does not say which file ran: the version is unknown, said with the user.
      expect(found.kubeletVersion).toMatchObject({ version: null, source: 'unknown' });
      expect(found.kubeletVersion.evidence).toMatch(
        /^not read as ks-user: `\/proc\/\d+\/exe \S+kubelet\.cjs --version` exited 126 and printed ".*Permission denied"$/,
      );
    }
  }, 120_000);
});
