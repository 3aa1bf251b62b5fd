// The injection corpus (docs/security.md test 13), shared by the local-shell unit test and the
// real-SSH integration test. Each canary argument would create `canary` if any shell on the way
// interpreted it.
export function injectionCorpus(canary: string): Array<string | Buffer> {
  const touch = `touch ${canary}`;
  return [
    'plain',
    '',
    'two words',
    '  leading and trailing spaces  ',
    "single ' quote",
    'double " quote',
    "mixed '\"'\"' quotes",
    `$(${touch})`,
    `\`${touch}\``,
    `"$(${touch})"`,
    `'$(${touch})'`,
    `; ${touch}`,
    `| ${touch}`,
    `& ${touch} &`,
    `&& ${touch}`,
    `|| ${touch}`,
    `\n${touch}\n`,
    `(${touch})`, // fish command substitution
    `{${touch}}`,
    `!${touch}`, // tcsh history
    `!!`,
    '!-1',
    '$HOME ${HOME} $0 $1 $@ $* $$ $? $# ~ ~root',
    '-n',
    '--',
    '-e',
    '--help',
    '*',
    '/*',
    '?',
    '[a-z]*',
    '%s %n %%',
    "back\\slash \\\\ \\' \\n \\0 \\x41",
    'trailing newlines\n\n\n',
    '\n',
    '\r\n',
    'tab\there',
    'unicode: é ü 日本 🚀',
    '=cmd',
    '#comment',
    'a\u0001\u0002\u001b[31mred\u007f',
    Buffer.from([0xff, 0xfe, 0x80, 0x81, 0xc3, 0x28, 0x0a, 0x0a]),
    Buffer.from([0x27, 0x5c, 0x0a, 0x21, 0x24, 0x28]), // ' \ newline ! $ (
    'x'.repeat(4096),
    `${'y'.repeat(4000)}$(${touch})\n`,
  ];
}

/** Deterministic random byte strings without NUL (argv cannot carry NUL). */
export function fuzzCorpus(count: number, seed = 12345, maxLen = 64): Buffer[] {
  let s = seed >>> 0;
  const rnd = (): number => {
    // xorshift32: reproducible across runs so a failure can be replayed.
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const len = rnd() % (maxLen + 1);
    const b = Buffer.alloc(len);
    for (let j = 0; j < len; j++) b[j] = (rnd() % 255) + 1;
    out.push(b);
  }
  return out;
}

/** Splits `printf '%s\0'` output back into arguments. */
export function splitNul(out: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < out.length; i++) {
    if (out[i] === 0) {
      parts.push(out.subarray(start, i));
      start = i + 1;
    }
  }
  return parts;
}
