/**
 * A Go command line read the way spf13/pflag reads it (the kubelet, k3s and RKE2 all parse
 * theirs with it): `--name=value`, `--name value` for flags that take a value, a bare
 * `--name` for booleans, `-v=2`/`-v 2`/`-v2` for the one shorthand the kubelet has, `--` ends
 * the flags. Names are normalised as the kubelet's WordSepNormalizeFunc does (`_` → `-`,
 * cmd/kubelet/app/server.go `newFlagSetWithGlobals`). The last occurrence of a flag wins,
 * except for flags listed as repeatable, whose values are all kept in order.
 */

/** The kubelet's boolean flags (cmd/kubelet/app/options/options.go, component-base logs flags). */
export const KUBELET_BOOL_FLAGS: ReadonlySet<string> = new Set([
  'add-dir-header',
  'alsologtostderr',
  'anonymous-auth',
  'authentication-token-webhook',
  'cgroups-per-qos',
  'containerized',
  'cpu-cfs-quota',
  'enable-controller-attach-detach',
  'enable-debugging-handlers',
  'enable-load-reader',
  'enable-server',
  'exit-on-lock-contention',
  'experimental-allocatable-ignore-eviction',
  'experimental-check-node-capabilities-before-mount',
  'fail-cgroupv1',
  'fail-swap-on',
  'help',
  'keep-terminated-pod-volumes',
  'kernel-memcg-notification',
  'local-storage-capacity-isolation',
  'log-json-split-stream',
  'log-text-split-stream',
  'logtostderr',
  'make-iptables-util-chains',
  'one-output',
  'protect-kernel-defaults',
  'register-node',
  'register-schedulable',
  'rotate-certificates',
  'rotate-server-certificates',
  'run-once',
  'seccomp-default',
  'serialize-image-pulls',
  'skip-headers',
  'skip-log-headers',
  'version',
]);

/** k3s and RKE2 boolean options that matter to discovery (their CLI, pkg/cli/cmds). */
export const K3S_BOOL_FLAGS: ReadonlySet<string> = new Set([
  'with-node-id',
  'debug',
  'rootless',
  'docker',
  'disable-agent',
  'cluster-init',
  'prefer-bundled-bin',
  'protect-kernel-defaults',
  'selinux',
]);

export interface ParsedFlags {
  /** Last value of each flag, by normalised name. */
  flags: Map<string, string>;
  /** Every value of the repeatable flags, in order. */
  repeated: Map<string, string[]>;
  /** Arguments that are not flags (a k3s subcommand, say). */
  positionals: string[];
}

export interface FlagOptions {
  bools: ReadonlySet<string>;
  /** Flags that may be given several times and accumulate (k3s `--kubelet-arg`). */
  repeatable?: ReadonlySet<string>;
  /** One-letter shorthands and the long name they stand for (`v` → `v` for klog). */
  shorthands?: Readonly<Record<string, string>>;
}

const MAX_ARGS = 4096;

export function normaliseFlagName(name: string): string {
  return name.replace(/_/g, '-');
}

export function parseCommandLineFlags(args: readonly string[], options: FlagOptions): ParsedFlags {
  const flags = new Map<string, string>();
  const repeated = new Map<string, string[]>();
  const positionals: string[] = [];
  const set = (name: string, value: string) => {
    flags.set(name, value);
    if (options.repeatable?.has(name)) repeated.set(name, [...(repeated.get(name) ?? []), value]);
  };
  const list = args.slice(0, MAX_ARGS);
  for (let i = 0; i < list.length; i++) {
    const arg = list[i] ?? '';
    if (arg === '--') {
      positionals.push(...list.slice(i + 1));
      break;
    }
    const long = /^--([^=\s][^=]*?)(?:=([\s\S]*))?$/.exec(arg);
    if (long) {
      const name = normaliseFlagName(long[1] as string);
      if (long[2] !== undefined) set(name, long[2]);
      else if (options.bools.has(name)) set(name, 'true');
      else if (i + 1 < list.length) set(name, list[++i] ?? '');
      else set(name, '');
      continue;
    }
    const short = /^-([A-Za-z])(=?)([\s\S]*)$/.exec(arg);
    const longName = short ? options.shorthands?.[short[1] as string] : undefined;
    if (short && longName) {
      const rest = short[3] as string;
      if (short[2] === '=' || rest !== '') set(longName, rest);
      else if (options.bools.has(longName)) set(longName, 'true');
      else if (i + 1 < list.length) set(longName, list[++i] ?? '');
      continue;
    }
    positionals.push(arg);
  }
  return { flags, repeated, positionals };
}

/** The kubelet's command line (argv without the program). */
export function parseKubeletCommandLine(args: readonly string[]): ParsedFlags {
  return parseCommandLineFlags(args, { bools: KUBELET_BOOL_FLAGS, shorthands: { v: 'v' } });
}

/** pflag's boolean parse (strconv.ParseBool): 1 t T TRUE true True, 0 f F FALSE false False. */
export function goBool(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return null;
}
