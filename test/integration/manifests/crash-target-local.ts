/**
 * The crash target on a local directory (local transport, as the Sandbox node runs its
 * commands): the smoke run of the crash suite. The script runs as NodeSession runs it (bound to
 * its channel: ssh/command-line.ts channelBoundArgv, the payload first, the channel's stdin
 * kept open). The connection cut closes the channel's pipes, as a dropped SSH connection does;
 * the "app" is a Node process owning the script's pipes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runSave } from '../../../src-main/node/manifests/manifest-store';
import { saveManifestCommand, type SaveCommandInput } from '../../../src-main/node/manifests/save-command';
import { backupRootOf } from '../../../src-main/node/manifests/script-helpers';
import { channelBoundArgv, toRemoteCommand } from '../../../src-main/ssh/command-line';
import { createLocalTransport } from '../../../src-main/ssh/local-transport';
import { release, waitFor, type CrashTarget } from './crash-target';
import { localManifestNode } from './local-node';

function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Processes whose command line holds `text` (the trial's hook prefix: the save script and its wrapper). */
function processesWith(text: string): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text) && alive(Number(entry)))
        out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * The node stops the script where it waits (die-with-channel.sh: TERM to its group when the
 * channel ends); only then is the pause released. Released earlier, a script not yet stopped
 * would go on and rename, which is not what a cut at that step does to a paused save.
 */
async function releaseWhenStopped(prefix: string, marker: string): Promise<void> {
  await waitFor(
    () => processesWith(prefix).length === 0,
    'the save script to be stopped where it waits',
    9_000,
  );
  release(marker);
}

/** The "app": spawns the script with pipes it owns and reports the script's pid. */
const APP = `
const { spawn } = require('node:child_process');
const [line, stdinB64] = JSON.parse(process.argv[1]);
const child = spawn('/bin/sh', ['-c', line], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
child.stdout.on('data', () => {}); child.stderr.on('data', () => {});
child.stdin.write(Buffer.from(stdinB64, 'base64'));
process.stdout.write(String(child.pid) + '\\n');
setInterval(() => {}, 1000);
`;

export function localCrashTarget(trials: number): CrashTarget {
  const node = localManifestNode();
  let hooks = 0;
  const command = (input: SaveCommandInput) => {
    const c = saveManifestCommand(input);
    const stdin = c.stdin as Buffer;
    return { line: toRemoteCommand(channelBoundArgv(c.argv, stdin.length)), stdin };
  };
  return {
    label: 'a local directory',
    trials,
    async newDir(tag) {
      const dir = path.join(node.root, tag, 'manifests');
      fs.mkdirSync(dir, { recursive: true });
      return { dir, backupRoot: backupRootOf(dir), hostDir: dir, hostBackupRoot: backupRootOf(dir) };
    },
    newHook(step) {
      const prefix = path.join(node.root, `hook-${++hooks}h`); // "h": hook-1h is no prefix of hook-12h
      return { prefix, marker: `${prefix}.${step}` };
    },
    save: (at, name, content, sha) =>
      runSave(node.session, {
        manifestDir: at.dir,
        name,
        content: Buffer.from(content),
        expectedSha256: sha,
        backupRoot: at.backupRoot,
      }),
    async connectionKilledAt(input, marker) {
      const { line, stdin } = command(input);
      const channel = await createLocalTransport().exec(line);
      channel.stdout.on('data', () => undefined);
      channel.stdin.write(stdin);
      await waitFor(() => fs.existsSync(marker), 'the save to reach its hook step');
      channel.close();
      await releaseWhenStopped(marker.slice(0, marker.lastIndexOf('.')), marker);
      await channel.exit;
    },
    async appKilledAt(input, marker) {
      const { line, stdin } = command(input);
      const app = spawn(process.execPath, ['-e', APP, JSON.stringify([line, stdin.toString('base64')])], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const scriptPid = await new Promise<number>((resolve) =>
        app.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
      );
      await waitFor(() => fs.existsSync(marker), 'the save to reach its hook step');
      const exited = new Promise((resolve) => app.once('exit', resolve));
      app.kill('SIGKILL');
      await exited;
      await waitFor(() => !alive(scriptPid), 'the orphaned save script to end', 9_000);
      await releaseWhenStopped(marker.slice(0, marker.lastIndexOf('.')), marker);
    },
    close: async () => node.cleanup(),
  };
}
