/**
 * The nodes every pods scenario suite runs on: the Sandbox node and an OpenSSH test node
 * (issue 6 acceptance "On test nodes"). Suites take `describe.each(NODES_UNDER_TEST)` and
 * arrange the node only through the PodsScenario adapter.
 */
import { startPodsScenario, type PodsScenario } from './sandbox-scenario';
import { startSshPodsScenario } from './ssh-scenario';

export interface NodeUnderTest {
  label: string;
  start(): Promise<PodsScenario>;
}

export const NODES_UNDER_TEST: NodeUnderTest[] = [
  { label: 'the Sandbox node', start: startPodsScenario },
  { label: 'an SSH test node (ks-admin)', start: startSshPodsScenario },
];

/** Time for a suite's start: an SSH test node boots its own sshd and kubelet first. */
export const START_TIMEOUT_MS = 180_000;
