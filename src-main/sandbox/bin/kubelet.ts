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

async function main(): Promise<void> {
  const args = parseKubeletArgs(process.argv.slice(2));
  await runSimDaemon({ paths: simPaths(), ...args, handleSignals: true });
}

main().catch((e: unknown) => {
  process.stderr.write(`kubelet: ${(e as Error).message}\n`);
  process.exit(1);
});
