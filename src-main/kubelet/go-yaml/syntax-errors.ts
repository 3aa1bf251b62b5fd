/**
 * go-yaml v2's wording for YAML syntax errors, from the `yaml` package's error codes. go-yaml
 * (decode.go parser.fail) prints "yaml: line N: <problem>": for scanner errors N is the 1-based
 * line of the problem, for parser errors it is the 0-based line of the offending token (so one
 * less), and a problem on the first line prints no line at all. The mapping below was derived by
 * running the same broken manifests through real kubectl builds (same go-yaml), see
 * test/fixtures/kubelet-corpus; cases it does not know keep the `yaml` package's text and say so.
 */
import type { YAMLError } from 'yaml';

export interface GoYamlSyntaxError {
  /** The go-yaml problem ("mapping values are not allowed in this context"). */
  problem: string;
  /** The number go-yaml prints after "line ", or null when it prints none. */
  line: number | null;
  /** True when this is the `yaml` package's own wording, not a known go-yaml message. */
  approximate: boolean;
}

type Lines = readonly string[];

/** go-yaml prints no line for line index 0; scanner errors add one to the index. */
function scannerLine(oneBased: number): number | null {
  return oneBased <= 1 ? null : oneBased;
}
function parserLine(oneBased: number): number | null {
  return oneBased - 1 <= 0 ? null : oneBased - 1;
}

function indentOf(line: string | undefined): number {
  return line === undefined ? -1 : line.length - line.trimStart().length;
}

/** The 1-based line of the first `: ` (or `:` at the end of a line) at or after `line`:`col`. */
function colonLine(lines: Lines, line: number, col: number): number {
  for (let n = line; n <= lines.length; n++) {
    const text = lines[n - 1] ?? '';
    const from = n === line ? col - 1 : 0;
    const rest = text.slice(from).replace(/\s#.*$/, '');
    if (/:(\s|$)/.test(rest)) return n;
  }
  return line;
}

/** The last line before `line` that holds something other than a comment. */
function previousContentLine(lines: Lines, line: number): number {
  for (let n = line - 1; n >= 1; n--) {
    const t = (lines[n - 1] ?? '').trim();
    if (t !== '' && !t.startsWith('#')) return n;
  }
  return 0;
}

export function goYamlSyntaxError(
  error: YAMLError,
  lines: Lines,
  position: { line: number; col: number },
): GoYamlSyntaxError {
  const { line, col } = position;
  const known = (problem: string, at: number | null): GoYamlSyntaxError => ({
    problem,
    line: at,
    approximate: false,
  });
  const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (error.code) {
    case 'TAB_AS_INDENT': {
      // go-yaml (scannerc.go yaml_parser_scan_plain_scalar) says "violates indentation" for a tab
      // met while it is still reading a plain scalar's continuation lines, before the block's
      // indentation; anywhere else a tab at the start of a line "cannot start any token".
      const prevLine = lines[previousContentLine(lines, line) - 1] ?? '';
      const scalar = trailingPlainScalar(prevLine);
      const tabColumn = (lines[line - 1] ?? '').indexOf('\t');
      const violates = scalar !== null && tabColumn <= scalar.blockIndent;
      return known(
        violates
          ? 'found a tab character that violates indentation'
          : 'found character that cannot start any token',
        scannerLine(line),
      );
    }
    case 'BAD_SCALAR_START':
      return known('found character that cannot start any token', scannerLine(line));
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (/block sequence/i.test(message)) return known('did not find expected key', parserLine(line));
      if (/:\s+\?(\s|$)/.test(lines[line - 1] ?? ''))
        return known('mapping keys are not allowed in this context', scannerLine(line));
      return known(
        'mapping values are not allowed in this context',
        scannerLine(colonLine(lines, line, col)),
      );
    case 'MULTILINE_IMPLICIT_KEY': {
      const text = lines[line - 1] ?? '';
      if (text.trimStart().startsWith('- ') || text.trim() === '-')
        return known('did not find expected key', parserLine(line));
      if (previousContentLine(lines, line) === 0)
        return known(
          'mapping values are not allowed in this context',
          scannerLine(colonLine(lines, line, col)),
        );
      return known("could not find expected ':'", scannerLine(line + 1));
    }
    case 'BAD_INDENT':
      if (/^Flow sequence/.test(message)) return known("did not find expected ',' or ']'", parserLine(line));
      if (/^Flow map/.test(message)) return known("did not find expected ',' or '}'", parserLine(line));
      return known(expectedAfterDedent(lines, line), parserLine(line));
    case 'MISSING_CHAR':
      if (/closing .?quote/i.test(message)) return known('found unexpected end of stream', scannerLine(line));
      if (/without - indicator/.test(message))
        return known(expectedAfterDedent(lines, line), parserLine(line));
      if (/Implicit map keys need to be followed/.test(message))
        return known("could not find expected ':'", scannerLine(line + 1));
      break;
    case 'UNEXPECTED_TOKEN': {
      if (/at node end/.test(message)) return known("did not find expected '-' indicator", parserLine(line));
      const before = (lines[line - 1] ?? '').slice(0, col - 1).trimEnd();
      if (/:$/.test(before)) return known('did not find expected node content', parserLine(line));
      return known('did not find expected key', parserLine(line));
    }
    case 'BAD_DQ_ESCAPE':
      if (/\\x|\\u|\\U/.test(message))
        return known('did not find expected hexdecimal number', scannerLine(line));
      return known('found unknown escape character', scannerLine(line));
  }
  return { problem: message.charAt(0).toLowerCase() + message.slice(1), line, approximate: true };
}

/**
 * A line ending in a plain scalar (`key: value`, `- item`, a continuation line), with the
 * indentation of the block it belongs to; null when it ends otherwise (`key:`, a quoted or flow
 * value, an alias, a comment).
 */
function trailingPlainScalar(text: string): { blockIndent: number } | null {
  if (/\s#/.test(text) || text.trim() === '') return null;
  const indent = indentOf(text);
  const body = text.trim();
  let value = body;
  let blockIndent = indent;
  const dash = /^((?:-\s+)+)(.*)$/.exec(body);
  if (dash) {
    blockIndent = indent + dash[1].length - 2;
    value = dash[2];
  }
  const keyed = /^([^'"[{][^:]*?|"[^"]*"|'[^']*'):(?:\s+(.*))?$/.exec(value);
  if (keyed) {
    if (dash) blockIndent = indent + (dash[1].length ?? 0);
    value = keyed[2] ?? '';
  }
  value = value.replace(/^(![^\s]*|&[^\s]+)\s+/, '');
  if (value === '' || /^['"[{|>*!&]/.test(value) || /[\]}]$/.test(value)) return null;
  return { blockIndent };
}

/**
 * After a line dedents into the middle of a block, go-yaml's parser is either inside a block
 * sequence (it wanted another "-") or inside a mapping — which an indentless sequence
 * (`key:\n- item`) also hands back to — (it wanted a key).
 */
function expectedAfterDedent(lines: Lines, line: number): string {
  const column = indentOf(lines[line - 1]);
  for (let n = line - 1; n >= 1; n--) {
    const text = lines[n - 1] ?? '';
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    const indent = indentOf(text);
    if (indent >= column) continue;
    if (!text.trimStart().startsWith('-')) return 'did not find expected key';
    // A sequence: indentless when its dash sits at its parent key's column.
    for (let p = n - 1; p >= 1; p--) {
      const parent = lines[p - 1] ?? '';
      if (parent.trim() === '' || parent.trimStart().startsWith('#')) continue;
      const pIndent = indentOf(parent);
      if (pIndent < indent || (pIndent === indent && !parent.trimStart().startsWith('-')))
        return pIndent === indent ? 'did not find expected key' : "did not find expected '-' indicator";
    }
    return "did not find expected '-' indicator";
  }
  return 'did not find expected key';
}
