/**
 * Reading the column tables kubectl and crictl print with Go's text/tabwriter
 * (padding 3, so cells are separated by at least 3 spaces, docs/kubelet.md §3.2, §4.2).
 *
 * Cells may contain single spaces (`10 minutes ago`, `4 (2m ago)`, header `POD ID`), so a
 * row is split on runs of two or more spaces. Cells are then matched to header columns:
 * in order when the counts agree (robust to rows whose widths differ from the header,
 * as in hand-edited issue excerpts, fixtures/real/crictl-tables-historical.txt (3)), and
 * by nearest header position when a cell is missing.
 */

export interface TableColumn {
  name: string;
  start: number;
}

export interface TableCell {
  text: string;
  start: number;
}

/** Split a line into cells separated by two or more spaces (tabs count as spaces). */
export function splitCells(line: string): TableCell[] {
  const cells: TableCell[] = [];
  const n = line.length;
  let i = 0;
  while (i < n) {
    while (i < n && isBlank(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let end = i;
    while (i < n) {
      const c = line.charCodeAt(i);
      if (isBlank(c)) {
        // a single space stays inside the cell; two or more end it
        if (c === 0x09 || i + 1 >= n || isBlank(line.charCodeAt(i + 1))) break;
      }
      i++;
      end = i;
    }
    cells.push({ text: line.slice(start, end), start });
  }
  return cells;
}

export function readHeader(line: string): TableColumn[] {
  return splitCells(line).map((c) => ({ name: c.text, start: c.start }));
}

/**
 * Map a row's cells to column names. Returns null when the row has more cells than
 * the header has columns (not a row of this table).
 */
export function mapRow(columns: readonly TableColumn[], line: string): Map<string, string> | null {
  const cells = splitCells(line);
  if (cells.length === 0 || cells.length > columns.length) return null;
  const out = new Map<string, string>();
  if (cells.length === columns.length) {
    cells.forEach((cell, i) => out.set(columns[i]!.name, cell.text));
    return out;
  }
  // Fewer cells than columns: place each cell at the nearest column start not yet used.
  let next = 0;
  for (const cell of cells) {
    let best = next;
    let bestDist = Infinity;
    const lastAllowed = columns.length - (cells.length - cells.indexOf(cell));
    for (let k = next; k <= lastAllowed; k++) {
      const d = Math.abs(columns[k]!.start - cell.start);
      if (d < bestDist) {
        bestDist = d;
        best = k;
      }
    }
    out.set(columns[best]!.name, cell.text);
    next = best + 1;
  }
  return out;
}

/** Lines of a text, without `\r`, each right-trimmed (crictl pads the last column in logs). */
export function textLines(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/\s+$/, ''));
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
