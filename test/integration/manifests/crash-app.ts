/**
 * The "app" the crash test kills (docs/security.md test 7): a separate Node process that holds its
 * own SSH connection to the test node and runs one save through it, as the app's core does.
 * Bundled once by esbuild (crash-app-bundle.ts) and started with plain node, so a trial costs
 * a process start and an SSH login, not a TypeScript compile.
 *
 *   node crash-app.cjs '<SshSessionTarget JSON>'
 *   → prints "ready" once logged in; then reads one JSON line (the save) on stdin and runs it.
 *
 * The test starts the next app while the current trial runs, then SIGKILLs each one while
 * its save is paused at step N.
 */
import { runSave } from '../../../src-main/node/manifests/manifest-store';
import { openSshSession, type SshSessionTarget } from './ssh-session';

export interface CrashAppSave {
  manifestDir: string;
  name: string;
  contentBase64: string;
  expectedSha256: string | null;
  backupRoot: string;
  hook: { prefix: string; step: number };
}

async function main(): Promise<void> {
  const target = JSON.parse(process.argv[2] ?? '{}') as SshSessionTarget;
  const { session } = await openSshSession(target);
  process.stdout.write('ready\n');
  let input = '';
  process.stdin.on('data', (chunk: Buffer) => {
    input += chunk.toString('utf8');
    const newline = input.indexOf('\n');
    if (newline < 0) return;
    const save = JSON.parse(input.slice(0, newline)) as CrashAppSave;
    void runSave(session, { ...save, content: Buffer.from(save.contentBase64, 'base64') }).then(
      (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
      (error: unknown) => process.stdout.write(`error ${String(error)}\n`),
    );
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`crash app: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
