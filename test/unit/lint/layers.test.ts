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

let linted: Promise<Map<string, string[]>> | null = null;

/** Every fixture file with its messages (`rule: message`), linted once. */
function problems(): Promise<Map<string, string[]>> {
  linted ??= lint();
  return linted;
}

async function lint(): Promise<Map<string, string[]>> {
  const results = await eslint.lintFiles(['src-main']);
  return new Map(
    results.map((r) => [path.relative(root, r.filePath), r.messages.map((m) => `${m.ruleId}: ${m.message}`)]),
  );
}

/** Each fixture file that breaks a wall, and what the rules say about it. */
const WALLS: Record<string, Array<string | RegExp>> = {
  // An upward import, one across a layer, one out of the sandbox, a folder with no layer.
  'node/upward.ts': [
    /^layers\/layers: node\/ may not import core\/ \(layers: contract ← kubelet ← ssh ← node, terminal ← .*\): \.\.\/core\/app$/,
  ],
  'node/beside.ts': [
    'layers/layers: node/ may not import terminal/ (they sit side by side in one layer): ../terminal/shell',
  ],
  'sandbox/uses-node.ts': [
    'layers/layers: sandbox/ may not import node/ (sandbox/ imports only contract/ and kubelet/): ../node/read',
  ],
  'extra/helper.ts': ['layers/layers: extra/ has no layer: place it in the layers of eslint.config.js.'],
  // A cycle is reported at every file on it, through type-only and dynamic imports too.
  'core/cycle-a.ts': ['layers/no-cycle: Import cycle: core/cycle-a.ts → core/cycle-b.ts → core/cycle-a.ts'],
  'core/cycle-b.ts': ['layers/no-cycle: Import cycle: core/cycle-b.ts → core/cycle-a.ts → core/cycle-b.ts'],
  'ssh/loop-1.ts': [
    'layers/no-cycle: Import cycle: ssh/loop-1.ts → ssh/loop-2.ts → ssh/loop-3.ts → ssh/loop-1.ts',
  ],
  'ssh/loop-2.ts': [
    'layers/no-cycle: Import cycle: ssh/loop-2.ts → ssh/loop-3.ts → ssh/loop-1.ts → ssh/loop-2.ts',
  ],
  'ssh/loop-3.ts': [
    'layers/no-cycle: Import cycle: ssh/loop-3.ts → ssh/loop-1.ts → ssh/loop-2.ts → ssh/loop-3.ts',
  ],
};

/** Downward imports, the sandbox on the kubelet model, a host on the core (also lazily). */
const CLEAN = [
  'contract/ids.ts',
  'kubelet/pod-name.ts',
  'ssh/run.ts',
  'node/read.ts',
  'terminal/shell.ts',
  'core/app.ts',
  'sandbox/simulated.ts',
  'hosts/main.ts',
];

describe('layer rules on a src-main-like tree', () => {
  it.each(Object.entries(WALLS))('report %s', async (file, messages) => {
    const found = (await problems()).get(file);
    expect(found).toEqual(messages.map((m) => (typeof m === 'string' ? m : expect.stringMatching(m))));
  });

  it.each(CLEAN)('leave %s alone', async (file) => {
    expect((await problems()).get(file)).toEqual([]);
  });

  it('cover every fixture file', async () => {
    expect([...(await problems()).keys()].sort()).toEqual([...Object.keys(WALLS), ...CLEAN].sort());
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
