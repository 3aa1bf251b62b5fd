import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prompt } from '../../../src-main/contract';
import { createCore } from '../../../src-main/core/create-core';
import type { CoreApi } from '../../../src-main/core/handlers';
import { PromptBroker, type PromptAnswer } from '../../../src-main/core/prompt-broker';
import { startTestNodes, type TestNodeSet } from '../../nodes';

// An SSH node through the whole core, as the app uses it: the node list, the host-key and
// password questions, discovery and the pods snapshot through sudo with a password.
let nodes: TestNodeSet;
let dataDir: string;
const asked: Prompt[] = [];
let answers: Partial<Record<Prompt['kind'], PromptAnswer>> = {};

async function newCore(trustNodes: boolean): Promise<CoreApi> {
  const home = fs.mkdtempSync(path.join(dataDir, 'home-'));
  const broker = new PromptBroker(async (prompt) => {
    asked.push(prompt);
    return answers[prompt.kind] ?? { accept: false };
  });
  return createCore({
    host: 'cli',
    dataDir: fs.mkdtempSync(path.join(dataDir, 'core-')),
    prompts: broker,
    ssh: {
      sshConfig: { home, text: '' },
      knownHosts: {
        userFiles: trustNodes ? [nodes.info.knownHostsPath] : [],
        systemFiles: [],
        appFile: path.join(home, 'known_hosts'),
      },
      agent: null,
    },
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-core-ssh-'));
  nodes = await startTestNodes({ count: 1 });
  await nodes.controlPlane.waitForApiServer();
});

afterAll(async () => {
  await nodes?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('an SSH node through the core', () => {
  it('logs in with a password, asks the sudo password once, and reads the pods through sudo', async () => {
    asked.length = 0;
    answers = {
      // sshd offers keyboard-interactive first (PAM-style "Password:" question).
      'keyboard-interactive': { accept: true, values: [nodes.user('ks-sudo').password] },
      password: { accept: true, values: [nodes.user('ks-sudo').password] },
      'sudo-password': { accept: true, values: [nodes.user('ks-sudo').password] },
    };
    const core = await newCore(true);
    try {
      const node = await core.handlers['nodes.add']({
        target: `ks-sudo@127.0.0.1:${nodes.controlPlane.port}`,
      });
      const connected = await core.handlers['nodes.connect']({ id: node.id }).catch((e: Error) => {
        throw new Error(`${e.message}; asked: ${asked.map((p) => p.kind).join(', ')}`);
      });
      expect(connected.state).toBe('connected');
      const found = await core.handlers['node.discover']({ id: node.id });
      expect(found).toMatchObject({
        nodeName: 'controlplane',
        staticPodPath: '/etc/kubernetes/manifests',
        staticPodPathSource: 'config',
      });
      const snapshot = await core.handlers['pods.snapshot']({ id: node.id });
      expect(snapshot.runtime.available).toBe(true);
      expect(
        snapshot.pods
          .filter((p) => p.origin === 'static')
          .map((p) => p.name)
          .sort(),
      ).toEqual([
        'etcd-controlplane',
        'kube-apiserver-controlplane',
        'kube-controller-manager-controlplane',
        'kube-scheduler-controlplane',
      ]);
      expect(asked.map((p) => p.kind)).toEqual(['keyboard-interactive', 'sudo-password']);
    } finally {
      await core.dispose();
    }
  });

  it('asks about an unknown host key before anything else and fails clearly when declined', async () => {
    asked.length = 0;
    answers = {};
    const core = await newCore(false);
    try {
      const node = await core.handlers['nodes.add']({
        target: `ks-admin@127.0.0.1:${nodes.controlPlane.port}`,
      });
      await expect(core.handlers['nodes.connect']({ id: node.id })).rejects.toMatchObject({
        code: 'host-key-unknown',
      });
      expect(asked).toHaveLength(1);
      expect(asked[0]?.kind).toBe('host-key');
      const fingerprints = nodes.controlPlane.info.hostKeys.map((k) => k.fingerprint);
      expect(fingerprints).toContain(asked[0]?.details.fingerprint);
      expect((await core.handlers['nodes.list']({})).find((n) => n.id === node.id)?.state).toBe('failed');
    } finally {
      await core.dispose();
    }
  });
});
