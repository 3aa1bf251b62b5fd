import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/serve-process';

// The lint rule that keeps Node, Electron and ssh2 out of the renderer (docs/architecture.md) must
// actually fire: lint probe sources as if they lived under src-renderer/.
const eslint = new ESLint({ cwd: repoRoot });

async function errorsFor(code: string, file = 'src-renderer/features/probe.tsx') {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
}

describe('renderer import boundary', () => {
  it.each([
    "import fs from 'node:fs';",
    "import fs from 'fs';",
    "import { join } from 'path';",
    "import { spawn } from 'child_process';",
    "import { ipcRenderer } from 'electron';",
    "import { Client } from 'ssh2';",
    "import { NodeRegistry } from '../../src-main/core/node-registry';",
  ])('rejects %s', async (code) => {
    expect(await errorsFor(code)).toHaveLength(1);
  });

  it('allows the contract and browser libraries', async () => {
    expect(
      await errorsFor(
        "import { operations } from '../../src-main/contract';\nimport { useState } from 'react';",
      ),
    ).toEqual([]);
  });

  it('keeps the contract itself free of Node imports', async () => {
    expect(await errorsFor("import os from 'node:os';", 'src-main/contract/probe.ts')).toHaveLength(1);
  });
});
