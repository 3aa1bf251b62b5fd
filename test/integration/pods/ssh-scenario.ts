/**
 * An OpenSSH test node as the node under test of the pods scenarios (issue 6 acceptance "On test
 * nodes"): a core connected as ks-admin (NOPASSWD sudo) through an ssh_config alias, files
 * arranged through the node's bind-mounted trees, kubectl and crictl run as root inside the
 * node's namespaces, and the node's own process list.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../../src-main/core/create-core';
import { PromptBroker } from '../../../src-main/core/prompt-broker';
import { startTestNodes, type TestNodeSet } from '../../nodes';
import { readyScenario, type PodsScenario } from './sandbox-scenario';

/** The scenario with its test nodes, for suites that also act on the node directly. */
export interface SshPodsScenario extends PodsScenario {
  testNodes: TestNodeSet;
}

/** `kubectl`: the test nodes' kubectl (test/nodes/kubectl-choice.ts); default: this machine's. */
export async function startSshPodsScenario(options: { kubectl?: string } = {}): Promise<SshPodsScenario> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-pods-ssh-'));
  let nodes: TestNodeSet | undefined;
  try {
    nodes = await startTestNodes({ count: 1, kubectl: options.kubectl });
    const node = nodes.controlPlane;
    await node.waitForApiServer();
    const home = fs.mkdtempSync(path.join(dataDir, 'home-'));
    const config = [
      'Host pods-cp',
      '  HostName 127.0.0.1',
      `  Port ${node.port}`,
      '  User ks-admin',
      `  IdentityFile ${nodes.key('ed25519').path}`,
      '  IdentitiesOnly yes',
      '',
    ];
    const core = await createCore({
      host: 'cli',
      dataDir: fs.mkdtempSync(path.join(dataDir, 'core-')),
      prompts: new PromptBroker(async () => ({ accept: false })),
      ssh: {
        sshConfig: { home, text: config.join('\n') },
        knownHosts: {
          userFiles: [nodes.info.knownHostsPath],
          systemFiles: [],
          appFile: path.join(home, 'known_hosts'),
        },
        agent: null,
      },
    });
    const nodeId = (await core.handlers['nodes.add']({ target: 'pods-cp' })).id;
    await core.handlers['nodes.connect']({ id: nodeId });
    const started = nodes;
    const scenario = await readyScenario({
      label: 'an SSH test node (ks-admin)',
      core,
      nodeId,
      manifests: '/etc/kubernetes/manifests',
      aside: '/etc/kubernetes',
      hostPath: (nodePath) => node.hostPath(nodePath),
      async tool(name, args) {
        const result = await node.exec([name, ...args]);
        return { stdout: result.stdout, stderr: result.stderr };
      },
      processArgs: () => node.processes().map((p) => p.args),
      restartKubelet: () => node.restartKubelet(),
      async dispose() {
        await core.dispose();
        await started.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    });
    return { ...scenario, testNodes: started };
  } catch (error) {
    await nodes?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
