/**
 * `kubelet` of a simulated node, with a real kubelet's argv:
 *   kubelet --config=/var/lib/kubelet/config.yaml --kubeconfig=/etc/kubernetes/kubelet.conf
 *           --hostname-override=NAME --node-ip=IP [--v=N] [--role=control-plane|worker]
 * The root of the node's files comes from KUBELET_SIM_ROOT (default /). Bundled by the build
 * into out/sandbox/kubelet.cjs; for development: `npx tsx src-main/sandbox/bin/kubelet.ts`.
 */
import { runSimDaemon } from '../daemon/daemon';
import { simPaths } from '../paths';
import { parseKubeletArgs } from '../daemon/args';
import {
  kubeletVersionLine,
  recordSimKubeletVersion,
  simKubeletVersion,
  simVersionAnswer,
} from '../sim-kubelet-version';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runRke2Server } from '../distro/rke2';
import { runK3sAgent } from '../distro/k3s';

/**
 * The app's sandbox node starts its kubelet with a pipe on stdin and this variable set: when
 * the app goes away, even killed, the pipe closes and the kubelet stops with it (no orphan).
 */
function exitWithParent(): void {
  if (process.env.KUBELET_SIM_EXIT_WITH_STDIN !== '1') return;
  process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
  process.stdin.on('error', () => process.kill(process.pid, 'SIGTERM'));
  process.stdin.resume();
}

async function main(): Promise<void> {
  // `kubelet --version` answers and exits, as the real one does (the app reads it in discovery).
  if (process.argv.slice(2).some((a) => a === '--version' || a === '--version=true')) {
    const version = simVersionAnswer(simPaths());
    // k3s answers in its own words (k3s PR #2621); every other program is a kubelet (verflag).
    // Run as `k3s`, or as `<node> kubelet.cjs k3s --version` by a k3s stand-in script.
    const asK3s = path.basename(process.argv0) === 'k3s' || process.argv[2] === 'k3s';
    process.stdout.write(
      asK3s ? `k3s version ${version}+k3s1 (00000000)\n` : `${kubeletVersionLine(version)}\n`,
    );
    return;
  }
  exitWithParent();
  // One bundle, several programs, as multicall binaries are: the argv[0] a node's launcher
  // gives decides (test/nodes/profiles). `rke2 server` supervises a kubelet child; `k3s agent`
  // runs it in-process.
  // Started as `/usr/local/bin/rke2 server` the script node runs is a link named `server` to
  // this bundle (so argv is exactly the real one); started as `rke2 <bundle> server`, argv[2].
  const program = path.basename(process.argv0);
  const script = process.argv[1] ?? '';
  const sub = ['server', 'agent'].includes(path.basename(script)) ? path.basename(script) : process.argv[2];
  if (program === 'rke2' && sub === 'server') {
    runRke2Server({ kubeletBundle: fs.realpathSync(script), env: process.env });
    return;
  }
  if (program === 'k3s' && sub === 'agent') {
    recordSimKubeletVersion(simPaths(), simKubeletVersion());
    await runK3sAgent(process.env);
    return;
  }
  const args = parseKubeletArgs(process.argv.slice(2));
  recordSimKubeletVersion(simPaths(), simKubeletVersion());
  await runSimDaemon({
    paths: simPaths(),
    nodeName: args.nodeName,
    hostname: os.hostname(),
    nodeIp: args.nodeIp,
    role: args.role,
    verbosity: args.config.flags.has('v') ? args.verbosity : undefined,
    config: args.config,
    runtime: args.runtime,
    output: args.output,
    kubeadm: args.addons,
    initIfEmpty: args.firstBoot,
    apiPkiDir: args.apiPkiDir,
    kubeletMinor: args.kubeletMinor,
    handleSignals: true,
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`kubelet: ${(e as Error).message}\n`);
  process.exit(1);
});
