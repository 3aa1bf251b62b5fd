import fs from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { ensurePrivateDir } from './data-dir';

/**
 * A small JSON document on disk, validated on read and written atomically (temp file in the
 * same directory, then rename), so a crash never leaves half a settings file. A file that
 * does not parse is kept aside as `<name>.broken-<time>` rather than silently overwritten.
 */
export class JsonFile<T> {
  constructor(
    readonly filePath: string,
    private readonly schema: z.ZodType<T>,
    private readonly fallback: () => T,
  ) {}

  async read(): Promise<T> {
    let text: string;
    try {
      text = await fs.readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.fallback();
      throw error;
    }
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through: keep the unreadable file for the user, start from defaults
    }
    await fs.rename(this.filePath, `${this.filePath}.broken-${Date.now()}`);
    return this.fallback();
  }

  async write(value: T): Promise<void> {
    await ensurePrivateDir(path.dirname(this.filePath));
    const temp = `${this.filePath}.${process.pid}.tmp`;
    await fs.writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    await fs.rename(temp, this.filePath);
  }
}
