// Test nodes for the SSH integration tests. These tests need sshd, users and sudo, not the
// simulated kubelet: when the sandbox bundles are not built, a stub kubelet stands in.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_SANDBOX_DIR,
  startTestNodes,
  type StartOptions,
  type TestNodeSet,
} from '../../nodes/index.js';

const BUNDLES = ['kubelet', 'crictl', 'kubectl', 'journalctl'];

function sandboxDir(): { dir: string; stub: boolean } {
  if (BUNDLES.every((b) => existsSync(join(DEFAULT_SANDBOX_DIR, `${b}.cjs`))))
    return { dir: DEFAULT_SANDBOX_DIR, stub: false };
  const dir = mkdtempSync(join(tmpdir(), 'ks-ssh-stub-sandbox-'));
  mkdirSync(dir, { recursive: true });
  for (const b of BUNDLES) writeFileSync(join(dir, `${b}.cjs`), 'setInterval(() => undefined, 1 << 30);\n');
  return { dir, stub: true };
}

export async function startSshNodes(opts: StartOptions = {}): Promise<TestNodeSet> {
  const sb = sandboxDir();
  try {
    return await startTestNodes({
      count: 1,
      sandboxDir: sb.dir,
      ...(sb.stub ? { kubeletTimeoutMs: 0 } : {}),
      ...opts,
    });
  } finally {
    // startTestNodes copies the bundles into its state dir, so the stub can go at once.
    if (sb.stub) rmSync(sb.dir, { recursive: true, force: true });
  }
}
