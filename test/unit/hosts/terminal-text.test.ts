import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../src-main/hosts/cli/table';
import {
  escapeForTerminal,
  hasUnsafeCharacters,
  safeOutput,
} from '../../../src-main/hosts/cli/terminal-text';

/* eslint-disable no-control-regex -- what a terminal acts on, to be sure none is printed */
const RAW =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
/* eslint-enable no-control-regex */

describe('text from a node on the terminal', () => {
  it('escapes C0, DEL, C1 and bidirectional controls, keeps everything else', () => {
    expect(escapeForTerminal('a\u001b]52;c;eA==\u0007b')).toBe('a\\u001b]52;c;eA==\\u0007b');
    expect(escapeForTerminal('line\nnext\tcol\r')).toBe('line\\nnext\\tcol\\r');
    expect(escapeForTerminal('\u009b2J\u007f')).toBe('\\u009b2J\\u007f');
    expect(escapeForTerminal('abc\u202edcba\u2066x\u2069')).toBe('abc\\u202edcba\\u2066x\\u2069');
    expect(escapeForTerminal('kube-apiserver.yaml é 漢 😀 \\n')).toBe('kube-apiserver.yaml é 漢 😀 \\n');
    expect(hasUnsafeCharacters('ok.yaml')).toBe(false);
    expect(hasUnsafeCharacters('x\u200f.yaml')).toBe(true);
  });

  it('every character from U+0000 to U+FFFF: no unsafe one survives', () => {
    let all = '';
    for (let code = 0; code <= 0xffff; code++)
      if (code < 0xd800 || code > 0xdfff) all += String.fromCharCode(code);
    expect(escapeForTerminal(all)).not.toMatch(RAW);
    expect(escapeForTerminal(all)).not.toMatch(/[\n\t]/);
    expect(safeOutput(all)).not.toMatch(RAW);
  });

  it('the output guard keeps lines and JSON: same value after parsing', () => {
    const value = { name: 'a\u202eb\u0085c\u2028d', n: 1 };
    const json = JSON.stringify(value);
    expect(json).toMatch(RAW); // JSON.stringify leaves C1 and bidirectional characters raw
    const guarded = safeOutput(json);
    expect(guarded).not.toMatch(RAW);
    expect(JSON.parse(guarded)).toEqual(value);
    expect(safeOutput('one\n\ttwo')).toBe('one\n\ttwo');
  });

  it('a table cell cannot add a line or a column', () => {
    const table = formatTable(['NAME', 'SIZE'], [['evil\nFAKE   0', '12']]);
    expect(table.split('\n')).toHaveLength(2);
    expect(table).toContain('evil\\nFAKE   0');
  });
});
