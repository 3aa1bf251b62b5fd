import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonFile } from '../../../src-main/store/json-file';
import { SavedNodes } from '../../../src-main/store/saved-nodes';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('JsonFile', () => {
  it('concurrent writes in one process all succeed, and the last one called is what stays', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-json-file-'));
    dirs.push(dir);
    const file = new JsonFile(path.join(dir, 'nodes.json'), z.array(z.number()), () => []);
    // `check` adds many nodes at once: each add writes the node list.
    await Promise.all(Array.from({ length: 20 }, (_, i) => file.write([i])));
    expect(await file.read()).toEqual([19]);
    expect(fs.readdirSync(dir)).toEqual(['nodes.json']);
  });
});

describe('SavedNodes', () => {
  it('nodes added at once are all kept', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-saved-nodes-'));
    dirs.push(dir);
    const saved = new SavedNodes(dir);
    const ids = Array.from({ length: 12 }, (_, i) => `n${i}`);
    await Promise.all(
      ids.map((id) => saved.add({ id, name: id, target: `admin@${id}`, addedAt: '2026-12-03T14:30:00Z' })),
    );
    expect((await saved.list()).map((n) => n.id).sort()).toEqual([...ids].sort());
  });
});
