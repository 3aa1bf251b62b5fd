/**
 * A build beside a running app: browser mode keeps serving the UI while `npm run build`
 * rebuilds the renderer (scripts/build-output.mjs). Before, the build emptied out/renderer
 * first and for most of its seconds the page answered "The UI is not built", which an e2e test
 * starting at that moment got.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot, startServe, type ServeProcess } from '../../support/serve-process';

let server: ServeProcess;
beforeAll(async () => {
  server = await startServe(['--no-open']);
});
afterAll(async () => {
  await server?.stop();
});

it('serves the whole page during a renderer build, every time it is asked', async () => {
  // The one-time token buys the session cookie (docs/security.md "Browser mode").
  const login = await fetch(server.url, { redirect: 'manual' });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const page = `${server.origin}/`;

  const build = spawn(process.execPath, [path.join(repoRoot, 'scripts/build.mjs'), 'renderer'], {
    stdio: 'ignore',
  });
  const built = new Promise<number | null>((resolve) => build.once('exit', resolve));
  let finished = false;
  void built.then(() => (finished = true));

  const answers = new Map<string, number>();
  let asked = 0;
  while (!finished) {
    const response = await fetch(page, { headers: { cookie } });
    const text = await response.text();
    const key =
      response.status === 200 && text.includes('<div id="root">') ? 'ok' : `${response.status} ${text}`;
    answers.set(key, (answers.get(key) ?? 0) + 1);
    asked += 1;
  }
  expect(await built).toBe(0);
  expect(asked).toBeGreaterThan(10);
  expect(Object.fromEntries(answers)).toEqual({ ok: asked });
}, 120_000);
