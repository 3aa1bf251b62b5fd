import { escapeForTerminal } from './terminal-text';

/**
 * Plain aligned columns for the CLI's human output (three spaces apart, like kubectl). Cells
 * come from nodes: each is escaped, so none can break the line or drive the terminal.
 */
export function formatTable(header: string[], cells: string[][]): string {
  const rows = cells.map((row) => row.map(escapeForTerminal));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 3)))
      .join('')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
