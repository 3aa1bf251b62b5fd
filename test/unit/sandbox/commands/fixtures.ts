/** Helpers to read the real tool outputs in test/fixtures/real (sources in its README.md). */
import { readReal } from '../../parsers/fixtures';

export { readReal };

/**
 * The table that starts at the first line equal to or starting with `header`: consecutive lines
 * up to a blank line, an annotation (`# `) or a shell prompt.
 */
export function tableAt(text: string, header: string, occurrence = 0): string[] {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith(header)) continue;
    if (seen++ < occurrence) continue;
    const out: string[] = [];
    for (let j = i; j < lines.length; j++) {
      const l = lines[j];
      if (
        l.trim() === '' ||
        l.startsWith('#') ||
        l.startsWith('$') ||
        l.includes('~ ') ||
        l.includes('root@')
      )
        break;
      out.push(l);
    }
    return out;
  }
  throw new Error(`table ${header} not found`);
}

/** Splits a real table line into cells: columns are separated by at least two spaces. */
export function cellsOf(line: string): string[] {
  return line.trimEnd().split(/ {2,}/);
}
