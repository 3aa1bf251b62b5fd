/**
 * Real OpenSSH test nodes for the integration tests (issue 3, point 5).
 *
 *   const nodes = await startTestNodes({ count: 3 });
 *   // ssh -F nodes.sshConfigPath controlplane …, nodes.user('ks-sudo').password, …
 *   await nodes.stop();
 *
 * Each node is an sshd in its own mount, UTS and PID namespaces with a simulated kubelet;
 * see node.ts for what a node has, and cli.ts for `npm run nodes:up` / `nodes:down`.
 */
export {
  startTestNodes,
  TestNodeSet,
  nodeName,
  REPO_ROOT,
  DEFAULT_SANDBOX_DIR,
  TEST_NODES_ROOT,
} from './node-set';
export type { StartOptions } from './node-set';
export { TestNode } from './node';
export { chooseKubectl, versionedKubectl } from './kubectl-choice';
export type { KubectlChoice } from './kubectl-choice';
export { stopStateDir, isSetRunning, hostMountsUnder } from './stop';
export type { StopReport } from './stop';
export { readNodeSet, DESCRIPTION_FILE } from './description';
export type {
  ClientKey,
  HostKey,
  JumpHost,
  KeyType,
  NodeInfo,
  NodeSetInfo,
  SudoMode,
  TestUser,
} from './description';
export { fingerprintOf, KEY_PASSPHRASE } from './keys';
export { USER_SPECS } from './users';
export { isAlive, procInfo, processesInNamespace } from './procfs';
export type { ProcInfo } from './procfs';
export type { RunOptions, RunResult } from './process';
export { availableProfiles, DEFAULT_PROFILE, PROFILE_NAMES, profileNamed } from './profiles/index';
export type {
  KubeletFacts,
  KubeletLogPlace,
  ProfileName,
  ProfileNode,
  RuntimeFacts,
  ToolFacts,
} from './profiles/types';
