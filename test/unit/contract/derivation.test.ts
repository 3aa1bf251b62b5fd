import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { operationNames, streamNames } from '../../../src-main/contract';
import { createCore } from '../../../src-main/core/create-core';
import { repoRoot } from '../../support/serve-process';

describe('one contract, derived adapters', () => {
  it('the core has exactly one handler per operation and one provider per stream', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-core-'));
    const core = await createCore({ host: 'cli', dataDir });
    expect(Object.keys(core.handlers).sort()).toEqual([...operationNames].sort());
    expect(Object.keys(core.streams).sort()).toEqual([...streamNames].sort());
    await core.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('no host adapter keeps its own list of operations', () => {
    const adapters = [
      'src-main/hosts/electron/preload.ts',
      'src-main/hosts/electron/contract-ipc.ts',
      'src-main/hosts/web/web-host.ts',
      'src-renderer/api/transport.ts',
    ];
    for (const file of adapters) {
      const source = fs.readFileSync(path.join(repoRoot, file), 'utf8');
      for (const name of operationNames) expect(source, `${file} names ${name}`).not.toContain(`'${name}'`);
    }
  });
});
