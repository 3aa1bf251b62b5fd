/**
 * The real kubelet flags the simulated one understands (see bin/kubelet.ts), and what the node's
 * "systemd" says through the environment (sim-env.ts).
 */
import os from 'node:os';
import type { KubeletConfigSources } from '../engine/node/effective-config';
import { simKubeletMinor } from '../sim-kubelet-version';
import { parseOutputTarget, parseRuntime, SIM_ENV, type OutputTarget, type RuntimeIdentity } from './sim-env';

export interface KubeletArgs {
  nodeName: string;
  nodeIp: string;
  /** `--v` when given (the config's logging.verbosity otherwise, effective-config.ts). */
  verbosity: number;
  role: 'control-plane' | 'worker';
  /** `--config`, `--config-dir` and the other flags, for effective-config.ts. */
  config: KubeletConfigSources;
  runtime: RuntimeIdentity;
  output: OutputTarget;
  /** kubeadm's first boot when the `--config` file is missing (sim-env firstBoot). */
  firstBoot: boolean;
  addons: boolean;
  /** The stand-in API server's certificates, if not kubeadm's /etc/kubernetes/pki. */
  apiPkiDir?: string;
  /** The emulated kubelet's minor release (sim-env kubeletVersion `v1.30.4` → 30). */
  kubeletMinor?: number;
}

/** `--name=value`, `--name value` and bare boolean flags, as pflag reads them. */
export function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(argv[i] ?? '');
    if (!m) continue;
    const next = argv[i + 1];
    const value = m[2] ?? (next !== undefined && !next.startsWith('-') ? (i++, next) : 'true');
    flags.set(m[1] as string, value);
  }
  return flags;
}

export function parseKubeletArgs(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): KubeletArgs {
  const flags = parseFlags(argv);
  const role = (flags.get('role') ?? env[SIM_ENV.role]) === 'worker' ? 'worker' : 'control-plane';
  const rest = new Map(flags);
  const configFile = rest.get('config');
  const configDir = rest.get('config-dir');
  rest.delete('config');
  rest.delete('config-dir');
  return {
    nodeName: (flags.get('hostname-override') || os.hostname()).trim().toLowerCase(),
    nodeIp: flags.get('node-ip') || '127.0.0.1',
    verbosity: Number(flags.get('v') ?? 0) || 0,
    role,
    config: { configFile, configDir, flags: rest },
    runtime: parseRuntime(env[SIM_ENV.runtime]),
    output: parseOutputTarget(env[SIM_ENV.journal]),
    firstBoot: (env[SIM_ENV.firstBoot] ?? 'kubeadm') === 'kubeadm',
    addons: (env[SIM_ENV.addons] ?? 'kubeadm') === 'kubeadm',
    apiPkiDir: env[SIM_ENV.apiPki] || undefined,
    kubeletMinor: simKubeletMinor(env),
  };
}
