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

  /** The change in progress: writes and updates run one after another, in call order. */
  private queue: Promise<unknown> = Promise.resolve();

  private serialized<R>(work: () => Promise<R>): Promise<R> {
    const next = this.queue.then(work);
    // A failed change is the caller's error; the next one still runs.
    this.queue = next.catch(() => undefined);
    return next;
  }

  write(value: T): Promise<void> {
    return this.serialized(() => this.writeNow(value));
  }

  /**
   * Reads, changes and writes with no other change of this file in between (several nodes
   * added at once must all be kept). `change` returns the new value, or null to write nothing.
   */
  update<R>(change: (current: T) => { value: T | null; result: R }): Promise<R> {
    return this.serialized(async () => {
      const { value, result } = change(await this.read());
      if (value !== null) await this.writeNow(value);
      return result;
    });
  }

  private async writeNow(value: T): Promise<void> {
    await ensurePrivateDir(path.dirname(this.filePath));
    // Per process: two processes sharing a data directory never share a temp file.
    const temp = `${this.filePath}.${process.pid}.tmp`;
    await fs.writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    await fs.rename(temp, this.filePath);
  }
}
