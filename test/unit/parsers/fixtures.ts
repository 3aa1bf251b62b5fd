/**
 * Access to the real tool outputs in test/fixtures/real (copied verbatim, sources in its README.md).
 * In the .txt fixtures, lines starting with `# ` (and bare `#`) are annotations.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const realFixturesDir = path.join(repoRoot, 'test/fixtures/real');

export function readReal(name: string): string {
  return readFileSync(path.join(realFixturesDir, name), 'utf8');
}

export function isAnnotation(line: string): boolean {
  return line === '#' || line.startsWith('# ');
}

/** The verbatim data lines of a .txt fixture (annotations removed). */
export function dataLines(name: string): string[] {
  return readReal(name)
    .split('\n')
    .filter((l) => !isAnnotation(l));
}

/**
 * The lines of section `(n)` of a fixture whose annotations number the excerpts
 * (`# (1) …`, `# (2) …`), annotations removed.
 */
export function section(name: string, n: number): string[] {
  const lines = readReal(name).split('\n');
  const start = lines.findIndex((l) => l.startsWith(`# (${n})`));
  if (start < 0) throw new Error(`no section (${n}) in ${name}`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^# \(\d+\)/.test(l));
  return (end < 0 ? rest : rest.slice(0, end)).filter((l) => !isAnnotation(l));
}

/** Blocks of lines separated by shell prompt lines (`… crictl ps`, `$ kubectl …`). */
export function blocksAfterPrompts(lines: string[], isPrompt: (l: string) => boolean): string[][] {
  const blocks: string[][] = [];
  let cur: string[] | null = null;
  for (const l of lines) {
    if (isPrompt(l)) {
      cur = [];
      blocks.push(cur);
    } else if (cur) cur.push(l);
  }
  return blocks;
}
