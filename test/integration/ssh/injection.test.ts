// docs/security.md test 13 over real SSH: login shells bash, dash, fish and tcsh; the remote printf
// reports exactly the intended bytes and no canary file appears on the node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestNodeSet } from '../../nodes/index.js';
import { fuzzCorpus, injectionCorpus, splitNul } from '../../unit/ssh/injection-corpus.js';
import { connectSession, removeTempDirs, run } from './connect-helper.js';
import { startSshNodes } from './nodes.js';

let nodes: TestNodeSet;
beforeAll(async () => {
  nodes = await startSshNodes({ count: 1 });
});
afterAll(async () => {
  removeTempDirs();
  await nodes?.stop();
});

const hex = (a: string | Buffer): string => (typeof a === 'string' ? Buffer.from(a) : a).toString('hex');

for (const user of ['ks-admin', 'ks-dash', 'ks-fish', 'ks-tcsh']) {
  describe(`login shell of ${user}`, () => {
    it('corpus and fuzz arrive byte for byte, no canary, also under sudo', async () => {
      const { conn, session } = await connectSession(nodes, { user });
      try {
        const shell = (await run(session, ['sh', '-c', 'getent passwd "$(id -un)" | cut -d: -f7'])).stdout
          .toString()
          .trim();
        expect(shell).toBe(nodes.user(user).shell);
        const canary = `/tmp/ks-canary-${user}`;
        const args = injectionCorpus(canary);
        expect(session.privilege).toBe('sudo');
        for (const privileged of [false, true]) {
          const r = await run(session, ['/usr/bin/printf', '%s\\0', ...args], { privileged });
          expect(r.code).toBe(0);
          expect(splitNul(r.stdout).map(hex)).toEqual(args.map(hex));
        }
        const fuzz = fuzzCorpus(200, user.length * 7919);
        for (let i = 0; i < fuzz.length; i += 50) {
          const batch = fuzz.slice(i, i + 50);
          const r = await run(session, ['/usr/bin/printf', '%s\\0', ...batch]);
          expect(splitNul(r.stdout).map(hex)).toEqual(batch.map(hex));
        }
        const check = await nodes.controlPlane.exec(['sh', '-c', `ls /tmp/ks-canary-* 2>/dev/null | wc -l`]);
        expect(check.stdout.trim()).toBe('0');
        // Positive control: a file created over this connection is seen by the same check.
        await run(session, ['touch', `${canary}-control`]);
        const control = await nodes.controlPlane.exec([
          'sh',
          '-c',
          `ls /tmp/ks-canary-* 2>/dev/null | wc -l`,
        ]);
        expect(control.stdout.trim()).toBe('1');
        await run(session, ['rm', '-f', '--', `${canary}-control`]);
      } finally {
        conn.close();
      }
    });
  });
}
