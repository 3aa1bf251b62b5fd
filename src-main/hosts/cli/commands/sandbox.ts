/**
 * `kubelet-studio sandbox status|stop`: the Sandbox node keeps running between runs of the app
 * and the CLI (its daemon, src-main/sandbox/local/daemon-client.ts), so the user can see it and
 * stop it. Stopping needs no core: the data dir records the daemon, which is stopped by pid once
 * its command line shows it is that daemon. The next connect starts it again.
 */
import path from 'node:path';
import { runningDaemon, stopRecordedDaemon } from '../../../sandbox/local/daemon-client';
import { simPaths } from '../../../sandbox/paths';
import { defaultDataDir } from '../../../store/data-dir';
import { UsageError } from '../args';
import type { CliContext } from '../command';

export async function run(context: CliContext): Promise<number> {
  const [action] = context.args.positionals;
  const paths = simPaths(path.join(defaultDataDir(), 'sandbox-node'));
  if (action === 'status') {
    const daemon = runningDaemon(paths);
    if (context.json) {
      context.out(
        JSON.stringify(daemon ? { running: true, root: paths.root, ...daemon } : { running: false }),
      );
    } else if (daemon) {
      const since = new Date(daemon.startedAt).toISOString().replace('T', ' ').slice(0, 19);
      context.out(
        `The Sandbox node runs (daemon pid ${daemon.pid}, since ${since} UTC), files in ${paths.root}.\nStop it with: kubelet-studio sandbox stop`,
      );
    } else {
      context.out('The Sandbox node is not running (it starts when a command or the app connects to it).');
    }
    return 0;
  }
  if (action === 'stop') {
    const stopped = await stopRecordedDaemon(paths);
    if (context.json) context.out(JSON.stringify({ stopped: stopped !== null, pid: stopped?.pid ?? null }));
    else
      context.out(
        stopped
          ? `Stopped the Sandbox node (daemon pid ${stopped.pid} and its kubelet).`
          : 'The Sandbox node was not running.',
      );
    return 0;
  }
  throw new UsageError('usage: kubelet-studio sandbox status|stop');
}
