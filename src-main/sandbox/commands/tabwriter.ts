/**
 * A port of Go's text/tabwriter (flags 0, pad char ' '), the writer behind crictl's tables
 * (display.go: minwidth 20, tabwidth 1, padding 3 — docs/kubelet.md §3.2) and kubectl's
 * (printers.GetNewTabWriter: minwidth 6, tabwidth 4, padding 3 — §4.2).
 *
 * Semantics kept from Go: a cell is text terminated by a tab; the text after the last tab of a
 * line is not a column cell and is never padded; widths are computed per *column block*
 * (consecutive lines that have a cell in that column), each cell padded to
 * max(minwidth, longest cell + padding); widths count runes, not bytes.
 */
export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

export const CRICTL_TABWRITER: TabwriterOptions = { minwidth: 20, padding: 3 };
export const KUBECTL_TABWRITER: TabwriterOptions = { minwidth: 6, padding: 3 };

const runeWidth = (s: string): number => [...s].length;

/** Lays out lines whose cells are separated by `\t`, as Go's Writer.Flush would. */
export function tabwrite(lines: string[], opts: TabwriterOptions): string {
  const cells = lines.map((l) => l.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = cells[i];
      let s = '';
      line.forEach((text, j) => {
        s += text;
        if (j < widths.length && j < line.length - 1)
          s += ' '.repeat(Math.max(0, widths[j] - runeWidth(text)));
      });
      out.push(s);
    }
  };

  // Go's recursive format(): open a column block where a line has a cell in the next column.
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= cells[cur].length - 1) continue;
      writeLines(line0, cur);
      line0 = cur;
      let width = opts.minwidth;
      for (; cur < line1; cur++) {
        const line = cells[cur];
        if (column >= line.length - 1) break;
        width = Math.max(width, runeWidth(line[column]) + opts.padding);
      }
      widths.push(width);
      format(line0, cur);
      widths.pop();
      line0 = cur;
    }
    writeLines(line0, line1);
  };

  format(0, cells.length);
  return out.map((l) => l + '\n').join('');
}

/** Convenience: rows of cells → table text. */
export function tabwriteRows(rows: string[][], opts: TabwriterOptions): string {
  return tabwrite(
    rows.map((r) => r.join('\t')),
    opts,
  );
}
