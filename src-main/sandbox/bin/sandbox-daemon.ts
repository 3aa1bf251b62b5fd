/**
 * The Sandbox node's daemon (local/supervisor.ts), started by the app:
 *   sandbox-daemon --root=DIR --bundle-dir=DIR --build-id=ID --node-command=NODE [--attached] -- <kubelet argv>
 * Bundled by the build into out/sandbox/sandbox-daemon.cjs.
 */
import { parseDaemonArgs, runSandboxDaemon } from '../local/supervisor';

try {
  runSandboxDaemon(parseDaemonArgs(process.argv.slice(2)));
} catch (e) {
  process.stderr.write(`sandbox-daemon: ${(e as Error).message}\n`);
  process.exit(1);
}
