/**
 * The save script's frames printed without a fork (script-helpers.ts `step`, and the final
 * status in save-command.ts) must read back exactly as `emit` would have written them.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseBatchOutput } from '../../../src-main/node/batch/batch-script';
import { scriptValues } from '../../../src-main/node/manifests/manifest-listing';
import { SCRIPT_HELPERS } from '../../../src-main/node/manifests/script-helpers';

const sh = (body: string) => execFileSync('/bin/sh', ['-c', `HOOK=; HOOKAT=; ${SCRIPT_HELPERS}${body}`]);

describe('step frames', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 12])('step %i reads back as %i, like emit step', (n) => {
    const fast = sh(`step ${n}`);
    expect(scriptValues(fast).get('step')).toBe(String(n));
    expect(fast.toString()).toBe(sh(`emit step ${n}`).toString());
  });

  it('a later step wins, so a failure names the last step reached', () => {
    expect(scriptValues(sh('step 1; step 2; step 3')).get('step')).toBe('3');
    expect(parseBatchOutput(sh('step 4')).get('step')?.code).toBe(0);
  });

  it('digest sets $h to the sha256 of a file', () => {
    const out = execFileSync('/bin/sh', [
      '-c',
      `${SCRIPT_HELPERS}printf abc >"$1"; digest "$1"; printf %s "$h"; rm -f "$1"`,
      'x',
      `/tmp/ks-digest-${process.pid}`,
    ]);
    expect(out.toString()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
