/** The real kubelet flags the simulated one understands (see bin/kubelet.ts). */
import os from 'node:os';

export interface KubeletArgs {
  nodeName: string;
  nodeIp: string;
  verbosity: number;
  role: 'control-plane' | 'worker';
}

export function parseKubeletArgs(argv: readonly string[]): KubeletArgs {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) continue;
    const value = m[2] ?? (argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') ? argv[++i] : 'true');
    flags.set(m[1], value);
  }
  const role = flags.get('role') === 'worker' ? 'worker' : 'control-plane';
  return {
    nodeName: flags.get('hostname-override') || os.hostname(),
    nodeIp: flags.get('node-ip') || '127.0.0.1',
    verbosity: Number(flags.get('v') ?? 0) || 0,
    role,
  };
}
