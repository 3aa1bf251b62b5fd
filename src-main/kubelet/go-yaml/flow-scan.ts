/**
 * A light pass over YAML text for two things go-yaml v2 does and the `yaml` package does not:
 *
 * - go-yaml ignores indentation inside flow collections and quoted scalars (`args: [a,\nb]` and
 *   `value: "a\nb"` are fine for the kubelet), while `yaml` requires continuation lines to be
 *   indented past the block they sit in. The pass indents such lines further; spaces at the start
 *   of a continuation line carry no meaning there (they are folded away), and line numbers stay.
 * - go-yaml refuses flow nesting deeper than 10000 ("exceeded max depth of 10000", scannerc.go
 *   max_flow_level) before it builds anything; the pass finds that line first, so the parser is
 *   never handed a pathological depth.
 *
 * It tracks quotes and comments only as far as needed to know where flow indicators count.
 */
export const MAX_FLOW_LEVEL = 10000;

export interface FlowScan {
  /** The text with flow continuation lines indented; equal to the input when nothing moved. */
  text: string;
  /** 1-based line where the flow depth first passed MAX_FLOW_LEVEL, if it did. */
  tooDeepAtLine: number | null;
}

export function scanFlow(input: string): FlowScan {
  const lines = input.split('\n');
  let depth = 0;
  let quote: '"' | "'" | null = null;
  /** Indentation of the line on which the outermost open flow collection or quote started. */
  let openedAtIndent = 0;
  let changed = false;
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n];
    const indent = line.length - line.replace(/^[ ]+/, '').length;
    if ((depth > 0 || quote !== null) && line.trim() !== '' && indent <= openedAtIndent) {
      const pad = ' '.repeat(openedAtIndent + 1 - indent);
      line = pad + line;
      lines[n] = line;
      changed = true;
    }
    let prevNonSpace = '';
    let prevChar = '';
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote === '"') {
        if (c === '\\') i++;
        else if (c === '"') quote = null;
        prevChar = c;
        continue;
      }
      if (quote === "'") {
        if (c === "'" && line[i + 1] === "'") i++;
        else if (c === "'") quote = null;
        prevChar = c;
        continue;
      }
      const atTokenStart =
        prevChar === '' || prevChar === ' ' || prevChar === '\t' || (depth > 0 && '[{,'.includes(prevChar));
      const indicatorBefore = prevNonSpace === '' || ':-?[{,'.includes(prevNonSpace);
      if (c === '#' && (prevChar === '' || prevChar === ' ' || prevChar === '\t')) break;
      if ((c === '"' || c === "'") && atTokenStart && indicatorBefore) {
        if (depth === 0) openedAtIndent = indent;
        quote = c;
      } else if ((c === '[' || c === '{') && (depth > 0 || (atTokenStart && indicatorBefore))) {
        if (depth === 0) openedAtIndent = indent;
        depth++;
        if (depth > MAX_FLOW_LEVEL) return { text: input, tooDeepAtLine: n + 1 };
      } else if ((c === ']' || c === '}') && depth > 0) depth--;
      prevChar = c;
      if (c !== ' ' && c !== '\t') prevNonSpace = c;
    }
  }
  return { text: changed ? lines.join('\n') : input, tooDeepAtLine: null };
}
