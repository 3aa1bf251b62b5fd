import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layerRules } from '../../../eslint.config.js';
import layersPlugin from '../../../eslint/layers-plugin.js';
import { repoRoot } from '../../support/serve-process';

// The walls inside src-main (eslint.config.js): a top folder imports only lower layers, the
// sandbox only the contract and the kubelet model, and no import cycles. The rules run here on
// a small tree laid out as src-main (test/fixtures/lint/layers), whose files each break one
// wall or none; the last test checks that the project's own config applies the same rules.
const fixtures = path.join(repoRoot, 'test/fixtures/lint/layers');
const root = path.join(fixtures, 'src-main');

const eslint = new ESLint({
  cwd: fixtures,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { layers: layersPlugin },
      rules: layerRules(root),
    },
  ],
});

async function problems(): Promise<Map<string, string[]>> {
  const results = await eslint.lintFiles(['src-main']);
  return new Map(
    results.map((r) => [path.relative(root, r.filePath), r.messages.map((m) => `${m.ruleId}: ${m.message}`)]),
  );
}

describe('layer rules on a src-main-like tree', () => {
  it('reports an upward import, an import across one layer and one out of the sandbox', async () => {
    const found = await problems();
    expect(found.get('node/upward.ts')).toEqual([
      expect.stringMatching(
        /^layers\/layers: node\/ may not import core\/ \(layers: contract ← kubelet ← ssh ← node, terminal ← .*\): \.\.\/core\/app$/,
      ),
    ]);
    expect(found.get('node/beside.ts')).toEqual([
      'layers/layers: node/ may not import terminal/ (they sit side by side in one layer): ../terminal/shell',
    ]);
    expect(found.get('sandbox/uses-node.ts')).toEqual([
      'layers/layers: sandbox/ may not import node/ (sandbox/ imports only contract/ and kubelet/): ../node/read',
    ]);
    expect(found.get('extra/helper.ts')).toEqual([
      'layers/layers: extra/ has no layer: place it in the layers of eslint.config.js.',
    ]);
  });

  it('reports a cycle at every file on it, through type-only and dynamic imports too', async () => {
    const found = await problems();
    expect(found.get('core/cycle-a.ts')).toEqual([
      'layers/no-cycle: Import cycle: core/cycle-a.ts → core/cycle-b.ts → core/cycle-a.ts',
    ]);
    expect(found.get('core/cycle-b.ts')).toEqual([
      'layers/no-cycle: Import cycle: core/cycle-b.ts → core/cycle-a.ts → core/cycle-b.ts',
    ]);
    expect(found.get('ssh/loop-1.ts')).toEqual([
      'layers/no-cycle: Import cycle: ssh/loop-1.ts → ssh/loop-2.ts → ssh/loop-3.ts → ssh/loop-1.ts',
    ]);
    expect(found.get('ssh/loop-3.ts')).toEqual([
      'layers/no-cycle: Import cycle: ssh/loop-3.ts → ssh/loop-1.ts → ssh/loop-2.ts → ssh/loop-3.ts',
    ]);
  });

  it('leaves clean files alone: downward imports, the sandbox on the kubelet model, hosts on core', async () => {
    const found = await problems();
    const clean = [
      'contract/ids.ts',
      'kubelet/pod-name.ts',
      'ssh/run.ts',
      'node/read.ts',
      'terminal/shell.ts',
      'core/app.ts',
      'sandbox/simulated.ts',
      'hosts/main.ts',
    ];
    for (const file of clean) expect(found.get(file), file).toEqual([]);
  });

  it('is what the project lints src-main with', async () => {
    const project = new ESLint({ cwd: repoRoot });
    const config = (await project.calculateConfigForFile(
      path.join(repoRoot, 'src-main/node/session/node-session.ts'),
    )) as { rules: Record<string, unknown> };
    const rules = layerRules(path.join(repoRoot, 'src-main'));
    // ESLint reports the severity as a number: 'error' is 2.
    for (const [name, [, options]] of Object.entries(rules))
      expect(config.rules[name], name).toEqual([2, options]);
  });
});
