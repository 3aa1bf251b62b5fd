/**
 * Several commands in one remote round trip (issue 6: one batched round trip per refresh).
 * A fixed shell prologue (batch-prologue.sh) defines `sec NAME CMD…`, which runs CMD and prints
 * a frame:
 *
 *   @@ks NAME EXITCODE
 *   <stdout, base64, one line>
 *   <stderr, base64, one line>
 *
 * base64 keeps any bytes (JSON, NUL-delimited listings, binary) from breaking the framing.
 * The body is the fixed script (.sh) of the calling operation, after any shell functions it
 * uses; its parameters arrive as "$1", "$2" … through the argv (quoted once, in
 * ssh/command-line.ts), never pasted into the script.
 */
import BATCH_PROLOGUE from './batch-prologue.sh';

/** argv running the script `parts` (functions, then the body) after the prologue, with `params` as $1, $2, … */
export function batchArgv(parts: string | string[], params: string[]): string[] {
  const script = [BATCH_PROLOGUE, ...(typeof parts === 'string' ? [parts] : parts)].join('\n');
  return ['/bin/sh', '-c', script, 'kubelet-studio', ...params];
}

export interface BatchSection {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Splits a batch's stdout into its sections by name (a later section of the same name wins). */
export function parseBatchOutput(stdout: Buffer | string): Map<string, BatchSection> {
  const lines = stdout.toString('latin1').split('\n');
  const sections = new Map<string, BatchSection>();
  for (let i = 0; i < lines.length; i++) {
    const match = /^@@ks (\S+) (\d+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name, code] = match as unknown as [string, string, string];
    sections.set(name, {
      code: Number(code),
      stdout: Buffer.from(lines[i + 1] ?? '', 'base64'),
      stderr: Buffer.from(lines[i + 2] ?? '', 'base64').toString('utf8'),
    });
    i += 2;
  }
  return sections;
}
