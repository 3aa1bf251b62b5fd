import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { batchArgv, parseBatchOutput } from '../../../src-main/node/batch/batch-script';

function runLocally(body: string, params: string[]) {
  const [file, ...args] = batchArgv(body, params);
  return spawnSync(file as string, args, { encoding: 'buffer' });
}

describe('batch script', () => {
  it('frames each command with its exit code, stdout and stderr, whatever the bytes', () => {
    const tricky = 'a\nb c @@ks fake 0\n\u00e9';
    const result = runLocally(
      'sec first printf "%s" "$1"; sec second sh -c "echo oops >&2; exit 3"; sec third printf "\\000\\001"',
      [tricky],
    );
    const sections = parseBatchOutput(result.stdout);
    expect(sections.get('first')).toEqual({ code: 0, stdout: Buffer.from(tricky), stderr: '' });
    expect(sections.get('second')).toMatchObject({ code: 3, stderr: 'oops\n' });
    expect(sections.get('third')?.stdout).toEqual(Buffer.from([0, 1]));
  });

  it('takes parameters only as arguments, never as script text', () => {
    const result = runLocally('sec echo printf "%s" "$1"', ['$(touch /tmp/ks-batch-canary); `id`']);
    expect(parseBatchOutput(result.stdout).get('echo')?.stdout.toString()).toBe(
      '$(touch /tmp/ks-batch-canary); `id`',
    );
  });

  it('removes its temporary directory', () => {
    const result = runLocally('sec where printf "%s" "$t"', []);
    const dir = parseBatchOutput(result.stdout).get('where')?.stdout.toString() ?? '';
    expect(dir).toMatch(/^\/tmp\//);
    expect(spawnSync('test', ['-e', dir]).status).toBe(1);
  });
});
