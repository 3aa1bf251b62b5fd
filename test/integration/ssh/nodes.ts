// Test nodes for the SSH integration tests: one node unless told otherwise, running the built
// sandbox programs (test/support/build-once.ts builds them before any test).
import { startTestNodes, type StartOptions, type TestNodeSet } from '../../nodes/index.js';

export function startSshNodes(opts: StartOptions = {}): Promise<TestNodeSet> {
  return startTestNodes({ count: 1, ...opts });
}
