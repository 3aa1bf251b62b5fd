/**
 * The built CLI loads only what a command needs: what its entry imports statically (and what
 * those chunks import statically, transitively) is all `--version` and `--help` load. Read
 * from out/cli as the build (test/support/build-once.ts) wrote it; the timing itself is in
 * bench/cli-start.bench.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/serve-process';

const cliDir = path.join(repoRoot, 'out/cli');

/** Specifiers of the top-level `import … from "x"` / `import "x"` statements of an ES module. */
export function staticImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^import\s+(?:[^'";]*?\s+from\s+)?["']([^"']+)["'];?$/gm)) {
    found.push(match[1] as string);
  }
  return found;
}

/** Every module loaded before any dynamic import() runs, starting at `file`. */
function staticGraph(file: string, seen = new Set<string>()): { files: Set<string>; packages: Set<string> } {
  const packages = new Set<string>();
  seen.add(file);
  for (const spec of staticImports(fs.readFileSync(file, 'utf8'))) {
    if (spec.startsWith('.')) {
      const next = path.resolve(path.dirname(file), spec);
      if (!seen.has(next)) for (const p of staticGraph(next, seen).packages) packages.add(p);
    } else if (!spec.startsWith('node:')) {
      packages.add(spec);
    }
  }
  return { files: seen, packages };
}

describe('the CLI entry', () => {
  it('finds static and side-effect imports, not dynamic ones', () => {
    const source = [
      'import path from "node:path";',
      'import { z } from "zod";',
      'import "./chunks/chunk-A.mjs";',
      'const x = await import("./chunks/status-B.mjs");',
    ].join('\n');
    expect(staticImports(source)).toEqual(['node:path', 'zod', './chunks/chunk-A.mjs']);
  });

  it('loads no package from node_modules before a command runs', () => {
    const entry = path.join(cliDir, 'kubelet-studio.mjs');
    const { files, packages } = staticGraph(entry);
    expect([...packages]).toEqual([]);
    // Small: the argument parser, the command list and the version, nothing of the core.
    const bytes = [...files].reduce((sum, f) => sum + fs.statSync(f).size, 0);
    expect(bytes).toBeLessThan(30_000);
  });

  it('keeps each command in a chunk of its own, loaded by dynamic import', () => {
    const entry = fs.readFileSync(path.join(cliDir, 'kubelet-studio.mjs'), 'utf8');
    for (const command of ['serve', 'open', 'nodes', 'status', 'manifests', 'apply', 'logs', 'call']) {
      expect(entry).toMatch(new RegExp(`import\\("\\./chunks/${command}-[A-Z0-9]+\\.mjs"\\)`));
    }
  });
});
