import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyWatchEvent, ManifestApplyEvent } from '../../../src-main/contract/domain/manifest-watch';
import { createCore, SANDBOX_NODE_ID } from '../../../src-main/core/create-core';
import type { CoreApi } from '../../../src-main/core/handlers';
import { repoRoot } from '../../support/serve-process';

// Issue 5 acceptance: on the sandbox node, an unknown flag on kube-apiserver ends in a
// "crash-looping" verdict with the container's own error line; with roll back on failure the
// old manifest is back, the pod runs again, and the directory holds no stray file.
let core: CoreApi;
let dataDir: string;
let manifestDir: string;
const NAME = 'kube-apiserver.yaml';
const POD = 'kube-apiserver-controlplane';
const BAD_FLAG = '--this-flag-does-not-exist';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-watch-'));
  core = await createCore({
    host: 'cli',
    dataDir,
    sandbox: { root: path.join(dataDir, 'sandbox-node'), bundleDir: path.join(repoRoot, 'out/sandbox') },
  });
  await core.handlers['nodes.connect']({ id: SANDBOX_NODE_ID });
  manifestDir = path.join(dataDir, 'sandbox-node/etc/kubernetes/manifests');
});

afterAll(async () => {
  await core.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The running kube-apiserver's static UID once it runs with its mirror pod ready. */
async function runningUid(timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snapshot = await core.handlers['pods.snapshot']({ id: SANDBOX_NODE_ID });
    const pod = snapshot.pods.find(
      (p) =>
        p.name === POD &&
        p.apiPod?.config.mirror === p.uid &&
        p.containers.some((c) => c.state === 'running'),
    );
    if (pod) return pod.uid;
    if (Date.now() > deadline) throw new Error(`${POD} did not run within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function watch(args: {
  previousUid: string;
  savedSha256: string;
  rollbackOnFailure: boolean;
}): Promise<ApplyWatchEvent[]> {
  return new Promise((resolve, reject) => {
    const events: ApplyWatchEvent[] = [];
    core.streams['manifests.watch'](
      {
        id: SANDBOX_NODE_ID,
        name: NAME,
        podMetadataName: 'kube-apiserver',
        namespace: 'kube-system',
        savedAt: Date.now(),
        timeoutSeconds: 90,
        ...args,
      },
      {
        push: (e) => events.push(e),
        paused: false,
        onResume() {},
        end: (error) => (error ? reject(error as Error) : resolve(events)),
      },
    );
  });
}

async function saveBadFlag(): Promise<{ original: string; sha256: string }> {
  const current = await core.handlers['manifests.read']({ id: SANDBOX_NODE_ID, name: NAME });
  const bad = current.content.replace('    - kube-apiserver\n', `    - kube-apiserver\n    - ${BAD_FLAG}\n`);
  expect(bad).not.toBe(current.content);
  const saved = await core.handlers['manifests.save']({
    id: SANDBOX_NODE_ID,
    name: NAME,
    content: bad,
    expectedSha256: current.sha256,
  });
  if (saved.status !== 'saved') throw new Error(`save: ${saved.status}`);
  return { original: current.content, sha256: saved.sha256 };
}

const verdicts = (events: ApplyWatchEvent[]) =>
  events.filter((e): e is Extract<ApplyWatchEvent, { type: 'verdict' }> => e.type === 'verdict');

describe('apply and watch on the sandbox node', () => {
  it('an unknown kube-apiserver flag ends in "crash-looping" with the container\'s error line', async () => {
    const before = await runningUid();
    const { original, sha256 } = await saveBadFlag();
    const events = await watch({ previousUid: before, savedSha256: sha256, rollbackOnFailure: false });

    const [verdict] = verdicts(events);
    expect(verdict?.phase).toBe('apply');
    expect(verdict?.verdict.kind).toBe('crash-looping');
    expect(verdict?.verdict.detail).toBe(`Error: unknown flag: ${BAD_FLAG}`);
    expect(verdict?.verdict.evidence).toContain(`Error: unknown flag: ${BAD_FLAG}`);
    // The kubelet did pick up the new content: a new config hash, the old pod stopped.
    const progress = events.filter((e) => e.type === 'progress').at(-1);
    expect(progress?.type === 'progress' && progress.newUid).not.toBe(before);
    expect(progress?.type === 'progress' && progress.steps.find((s) => s.id === 'old-stopped')?.state).toBe(
      'done',
    );
    expect(events.some((e) => e.type === 'rollback')).toBe(false);

    // One-click rollback (manifests.rollback, a rename from the backup) brings the old pod back.
    const rolled = await core.handlers['manifests.rollback']({
      id: SANDBOX_NODE_ID,
      name: NAME,
      expectedSha256: sha256,
    });
    expect(rolled.status).toBe('rolled-back');
    expect(fs.readFileSync(path.join(manifestDir, NAME), 'utf8')).toBe(original);
    expect(await runningUid()).toBe(before);
  }, 150_000);

  it('with roll back on failure, the old manifest is back, the pod runs again, no stray file', async () => {
    const namesBefore = fs.readdirSync(manifestDir).sort();
    const before = await runningUid();
    const { original, sha256 } = await saveBadFlag();
    const events = await watch({ previousUid: before, savedSha256: sha256, rollbackOnFailure: true });

    const [applied, afterRollback] = verdicts(events);
    expect(applied?.verdict.kind).toBe('crash-looping');
    expect(applied?.verdict.evidence).toContain(`Error: unknown flag: ${BAD_FLAG}`);
    expect(events.filter((e) => e.type === 'rollback').map((e) => e.type === 'rollback' && e.state)).toEqual([
      'started',
      'done',
    ]);
    expect(afterRollback?.phase).toBe('rollback');
    expect(afterRollback?.verdict.kind).toBe('running');

    expect(fs.readFileSync(path.join(manifestDir, NAME), 'utf8')).toBe(original);
    expect(fs.readdirSync(manifestDir).sort()).toEqual(namesBefore);
    // Same bytes, same path, same node: the same static UID as before the edit (docs/kubelet.md §1.4).
    expect(await runningUid()).toBe(before);
  }, 150_000);
});

/** manifests.apply, the one apply of the editor and the CLI: its events until the stream ends. */
function apply(args: {
  name: string;
  content: string;
  expectedSha256: string | null;
  confirmRisky?: boolean;
}): Promise<ManifestApplyEvent[]> {
  return new Promise((resolve, reject) => {
    const events: ManifestApplyEvent[] = [];
    core.streams['manifests.apply'](
      {
        id: SANDBOX_NODE_ID,
        confirmRisky: false,
        watch: true,
        timeoutSeconds: 60,
        rollbackOnFailure: false,
        ...args,
      },
      {
        push: (e) => events.push(e),
        paused: false,
        onResume() {},
        end: (error) => (error ? reject(error as Error) : resolve(events)),
      },
    );
  });
}

describe('manifests.apply on the sandbox node', () => {
  // A pod the kubelet never started: `command: [sleep, 3600]` has a number where the v1 Container
  // wants a string, so the typed decode refuses the file (docs/kubelet.md §11.1) and no sandbox
  // exists. Saving the fix must end in "running" (issue: the `file:` placeholder id case).
  const NEVER = 'ks-never-started.yaml';
  const pod = (command: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ks-never-started\n  namespace: default\nspec:\n  containers:\n  - name: main\n    image: busybox:1.36\n    command: ${command}\n`;

  it('a forced broken file ends "rejected" with the kubelet\'s error; its fix ends "running"', async () => {
    const refused = await apply({ name: NEVER, content: pod('[sleep, 3600]'), expectedSha256: null });
    expect(refused).toHaveLength(1);
    const [first] = refused;
    expect(first?.type === 'saved' && first.result.status).toBe('refused');
    expect(fs.existsSync(path.join(manifestDir, NEVER))).toBe(false);

    const forced = await apply({
      name: NEVER,
      content: pod('[sleep, 3600]'),
      expectedSha256: null,
      confirmRisky: true,
    });
    const saved = forced[0];
    if (saved?.type !== 'saved' || saved.result.status !== 'saved') throw new Error('not saved');
    expect(saved.watching?.previousUid).toBeNull();
    const rejected = forced.filter((e) => e.type === 'verdict');
    expect(rejected.map((e) => e.type === 'verdict' && e.verdict.kind)).toEqual(['rejected']);
    expect(rejected[0]?.type === 'verdict' && rejected[0].verdict.detail).toContain(
      'json: cannot unmarshal number into Go struct field',
    );

    const fixed = await apply({
      name: NEVER,
      content: pod('[sleep, "3600"]'),
      expectedSha256: saved.result.sha256,
    });
    const fixedSave = fixed[0];
    expect(fixedSave?.type === 'saved' && fixedSave.result.status).toBe('saved');
    // The pod never ran: there is no previous UID to wait on, whatever the snapshot called it.
    expect(fixedSave?.type === 'saved' && fixedSave.watching?.previousUid).toBeNull();
    const verdict = fixed.find((e) => e.type === 'verdict');
    expect(verdict?.type === 'verdict' && verdict.verdict.kind).toBe('running');
    expect(verdict?.type === 'verdict' && verdict.verdict.summary).toContain('ks-never-started-controlplane');

    // Removed again through the same crash-safe delete; the pod stops.
    const file = await core.handlers['manifests.read']({ id: SANDBOX_NODE_ID, name: NEVER });
    const deleted = await core.handlers['manifests.delete']({
      id: SANDBOX_NODE_ID,
      name: NEVER,
      expectedSha256: file.sha256,
    });
    expect(deleted.status).toBe('deleted');
  }, 150_000);
});
