import path from 'node:path';
import { z } from 'zod';
import { JsonFile } from './json-file';

/** A node the user added, as kept in `<data dir>/nodes.json`. Never holds a secret. */
export const SavedNode = z.object({
  id: z.string(),
  name: z.string(),
  target: z.string(),
  addedAt: z.string(),
});
export type SavedNode = z.infer<typeof SavedNode>;

const SavedNodesFile = z.object({ version: z.literal(1), nodes: z.array(SavedNode) });
type SavedNodesFile = z.infer<typeof SavedNodesFile>;

export class SavedNodes {
  private readonly file: JsonFile<SavedNodesFile>;

  constructor(dataDir: string) {
    this.file = new JsonFile(path.join(dataDir, 'nodes.json'), SavedNodesFile, () => ({
      version: 1,
      nodes: [],
    }));
  }

  async list(): Promise<SavedNode[]> {
    return (await this.file.read()).nodes;
  }

  async add(node: SavedNode): Promise<void> {
    const current = await this.file.read();
    await this.file.write({ version: 1, nodes: [...current.nodes.filter((n) => n.id !== node.id), node] });
  }

  /** Replaces a node's name and target (in place, so the list keeps its order). */
  async update(id: string, change: { name: string; target: string }): Promise<boolean> {
    const current = await this.file.read();
    if (!current.nodes.some((n) => n.id === id)) return false;
    const nodes = current.nodes.map((n) => (n.id === id ? { ...n, ...change } : n));
    await this.file.write({ version: 1, nodes });
    return true;
  }

  async remove(id: string): Promise<boolean> {
    const current = await this.file.read();
    const nodes = current.nodes.filter((n) => n.id !== id);
    if (nodes.length === current.nodes.length) return false;
    await this.file.write({ version: 1, nodes });
    return true;
  }
}
