import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeRegistry, type NodeConnection, type NodeConnector } from '../../../src-main/core/node-registry';
import { SavedNodes } from '../../../src-main/store/saved-nodes';

// Editing a node (issue 14 point 7): a renamed node keeps its id and place; a new target is
// another machine, so the old connection is closed first; nodes.json holds the change.
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function registry() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-registry-'));
  dirs.push(dir);
  const closed: string[] = [];
  const connector: NodeConnector = {
    async connect(node) {
      return {
        session: {} as NodeConnection['session'],
        close: async () => void closed.push(node.target),
        onState: () => undefined,
      };
    },
  };
  return { registry: new NodeRegistry(new SavedNodes(dir), connector), dir, closed };
}

describe('editing a node', () => {
  it('changes the target, disconnecting from the old one; a name that was the target follows it', async () => {
    const { registry: r, dir, closed } = registry();
    const node = await r.add('ks-admin@127.0.0.1:2201');
    await r.connect(node.id);
    const edited = await r.update(node.id, { target: 'ks-admin@127.0.0.1:2202' });
    expect(edited).toMatchObject({
      id: node.id,
      target: 'ks-admin@127.0.0.1:2202',
      name: 'ks-admin@127.0.0.1:2202',
    });
    expect(edited.state).toBe('disconnected');
    expect(closed).toEqual(['ks-admin@127.0.0.1:2201']);
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'nodes.json'), 'utf8'));
    expect(saved.nodes).toMatchObject([{ id: node.id, target: 'ks-admin@127.0.0.1:2202' }]);
  });

  it('renames without touching the connection, and refuses a target already in the list', async () => {
    const { registry: r, closed } = registry();
    const a = await r.add('a@h1');
    await r.add('b@h2');
    await r.connect(a.id);
    expect(await r.update(a.id, { name: 'etcd-1' })).toMatchObject({ name: 'etcd-1', state: 'connected' });
    expect(closed).toEqual([]);
    await expect(r.update(a.id, { target: 'b@h2' })).rejects.toThrow(/already in the node list/);
  });
});
