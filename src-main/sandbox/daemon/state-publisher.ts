/**
 * Publishes SimNodeState for the node commands: written to a temp file in the same directory
 * and renamed, so readers see either the old or the new snapshot, never half of one.
 * Bursts of changes are coalesced into one write within `delayMs` (default 30 ms).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SimNodeState } from '../model';

export class StatePublisher {
  private timer?: NodeJS.Timeout;
  private seq = 0;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => SimNodeState,
    private readonly delayMs = 30,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writeNow();
    }, this.delayMs);
  }

  writeNow(): void {
    const tmp = path.join(
      path.dirname(this.file),
      `.${path.basename(this.file)}.${process.pid}.${this.seq++}.tmp`,
    );
    fs.writeFileSync(tmp, JSON.stringify(this.snapshot()));
    fs.renameSync(tmp, this.file);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
