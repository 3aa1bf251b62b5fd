/**
 * The simulated `crictl`: global options, subcommand dispatch, and logrus-style failure
 * (docs/kubelet.md §3.5). Subcommands: pods, ps, inspect, inspectp, logs, version.
 * Emulated release: env KUBELET_SIM_CRICTL_VERSION (default 1.32), see crictl-version.ts.
 */
import { ArgsError, parseArgs, type OptionSpec, type ParsedArgs } from './args';
import type { CommandIO } from './io';
import { CrictlError, GoLogFatal, goFlagProblem } from './crictl-errors';
import { crictlFeatures, parseCrictlVersion } from './crictl-version';
import type { CrictlContext } from './crictl-context';
import { crictlPods, PODS_OPTIONS } from './crictl-pods';
import { crictlPs, PS_OPTIONS } from './crictl-ps';
import { crictlInspect, INSPECT_OPTIONS } from './crictl-inspect';
import { crictlLogs, LOGS_OPTIONS } from './crictl-logs';
import { logrusLine } from './logrus';
import { crictlExec, crictlImageFsInfo, crictlImages, crictlInfo, crictlRmi } from './crictl-runtime';
import { commandPaths, readNodeState } from './state';
import { chooseEndpoint, dialRuntime, type CrictlGlobalFlags } from './crictl-endpoint';
import { nodePathToHost } from '../paths';
import type { SimNodeState } from '../model';
import { DEFAULT_RUNTIME, type RuntimeIdentity } from '../daemon/sim-env';

const GLOBAL_OPTIONS: OptionSpec[] = [
  { name: 'runtime-endpoint', short: 'r', value: 'required' },
  { name: 'image-endpoint', short: 'i', value: 'required' },
  { name: 'timeout', short: 't', value: 'required' },
  { name: 'debug', short: 'D', value: 'none' },
  { name: 'config', short: 'c', value: 'required' },
];

interface Subcommand {
  usage: string;
  options: OptionSpec[];
  run(ctx: CrictlContext, args: ParsedArgs): Promise<number | void>;
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  pods: { usage: 'List pods', options: PODS_OPTIONS, run: crictlPods },
  ps: { usage: 'List containers', options: PS_OPTIONS, run: crictlPs },
  inspect: {
    usage: 'Display the status of one or more containers',
    options: INSPECT_OPTIONS,
    run: (c, a) => crictlInspect(c, a, 'container'),
  },
  inspectp: {
    usage: 'Display the status of one or more pods',
    options: INSPECT_OPTIONS,
    run: (c, a) => crictlInspect(c, a, 'sandbox'),
  },
  logs: { usage: 'Fetch the logs of a container', options: LOGS_OPTIONS, run: crictlLogs },
  version: { usage: 'Display runtime version information', options: [], run: crictlVersion },
  info: {
    usage: 'Display information of the container runtime',
    options: [
      { name: 'output', short: 'o', value: 'required' },
      { name: 'quiet', short: 'q', value: 'none' },
    ],
    run: (c) => crictlInfo(c),
  },
  images: {
    usage: 'List images',
    options: [
      { name: 'output', short: 'o', value: 'required' },
      { name: 'quiet', short: 'q', value: 'none' },
      { name: 'all', short: 'a', value: 'none' },
      { name: 'digests', value: 'none' },
      { name: 'no-trunc', value: 'none' },
    ],
    run: crictlImages,
  },
  imagefsinfo: {
    usage: 'Return image filesystem info',
    options: [{ name: 'output', short: 'o', value: 'required' }],
    run: (c) => crictlImageFsInfo(c),
  },
  rmi: { usage: 'Remove one or more images', options: [{ name: 'prune', value: 'none' }], run: crictlRmi },
};

const ENDPOINT = 'unix:///run/containerd/containerd.sock';

/** Where the crictl binary the user ran is (os.Executable: symlinks resolved). */
const DEFAULT_EXE = '/usr/local/bin/crictl';

async function crictlVersion(ctx: CrictlContext): Promise<void> {
  await ctx.state();
  const runtime = ctx.runtime();
  ctx.io.stdout.write(
    `Version:  0.1.0\nRuntimeName:  ${runtime.name}\nRuntimeVersion:  ${runtime.version}\nRuntimeApiVersion:  v1\n`,
  );
}

function goLogTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function noSuchSocket(endpoint: string): string {
  const sock = endpoint.slice('unix://'.length);
  return `validate service connection: validate CRI v1 runtime API for endpoint ${JSON.stringify(endpoint)}: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${sock}: connect: no such file or directory"`;
}

/**
 * Finds and dials the runtime as crictl v1.32 does (crictl-endpoint.ts): warnings and each
 * failed default endpoint logged on the way, the last error fatal.
 */
async function connect(
  io: CommandIO,
  globals: CrictlGlobalFlags,
  toHost: (p: string) => string,
  state: SimNodeState | null,
): Promise<RuntimeIdentity> {
  const log = (level: 'warning' | 'error', message: string) =>
    io.stderr.write(logrusLine(level, message, io.now(), io.stderrIsTTY));
  const choice = chooseEndpoint(globals, io.env, io.env.KUBELET_SIM_EXE || DEFAULT_EXE, toHost);
  for (const l of choice.logs) log(l.level, l.message);
  if (choice.fatal) throw new CrictlError(choice.fatal);
  let lastError = '';
  for (const endpoint of choice.endpoints) {
    const result = await dialRuntime(endpoint, toHost);
    if (result.ok) return result.runtime;
    lastError = result.error;
    if (!choice.isSet) log('error', result.error);
  }
  if (state === null && lastError === '') throw new CrictlError(noSuchSocket(ENDPOINT));
  throw new CrictlError(lastError);
}

export async function runCrictl(argv: string[], io: CommandIO): Promise<number> {
  const fatal = (message: string): number => {
    io.stderr.write(logrusLine('fatal', message, io.now(), io.stderrIsTTY));
    return 1;
  };
  // Global options come before the subcommand, as urfave/cli requires.
  let i = 0;
  const globals: CrictlGlobalFlags = {};
  while (i < argv.length && argv[i].startsWith('-')) {
    const [flagText, inline] = argv[i].split(/=(.*)/s, 2) as [string, string | undefined];
    const spec = GLOBAL_OPTIONS.find(
      (o) => flagText === `--${o.name}` || flagText === `-${o.name}` || flagText === `-${o.short}`,
    );
    // urfave/cli's version flag prints "<app name> version <app version>" (cri-tools sets
    // app.Version from its build); the app reads it in discovery (tool-paths.ts).
    if (flagText === '--version' || flagText === '-v') {
      const v = parseCrictlVersion(io.env.KUBELET_SIM_CRICTL_VERSION);
      io.stdout.write(`crictl version v${v.major}.${v.minor}.0\n`);
      return 0;
    }
    if (!spec) return fatal(`flag provided but not defined: ${flagText.replace(/^--?/, '-')}`);
    let value: string | undefined;
    if (spec.value === 'none') i += 1;
    else if (inline !== undefined) {
      value = inline;
      i += 1;
    } else {
      value = argv[i + 1];
      i += 2;
    }
    if (spec.name === 'config') globals.config = value;
    if (spec.name === 'runtime-endpoint') globals.runtimeEndpoint = value;
  }
  const name = argv[i];
  if (!name) {
    io.stdout.write(
      'NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n',
    );
    return 0;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub && name !== 'exec') {
    io.stderr.write(`No help topic for '${name}'\n`);
    return 3;
  }
  const paths = commandPaths(io.env);
  const toHost = (p: string) => nodePathToHost(paths, p);
  let connected = DEFAULT_RUNTIME;
  const ctx: CrictlContext = {
    io,
    paths,
    features: crictlFeatures(parseCrictlVersion(io.env.KUBELET_SIM_CRICTL_VERSION), io.env),
    runtime: () => connected,
    state: async () => {
      const state = await readNodeState(paths);
      if (state && !state.runtime) return state; // the app's Sandbox node: no CRI socket to dial
      connected = await connect(io, globals, toHost, state);
      if (!state) throw new CrictlError(noSuchSocket(ENDPOINT));
      return state;
    },
  };
  try {
    if (!sub) return await crictlExec(ctx, argv.slice(i + 1));
    let args: ParsedArgs;
    try {
      args = parseArgs(argv.slice(i + 1), sub.options, { singleDashLong: true });
    } catch (e) {
      if (!(e instanceof ArgsError)) throw e;
      const message = goFlagProblem(e.problem);
      io.stdout.write(`Incorrect Usage: ${message}\n\nNAME:\n   crictl ${name} - ${sub.usage}\n\n`);
      return fatal(message);
    }
    return (await sub.run(ctx, args)) ?? 0;
  } catch (e) {
    if (e instanceof GoLogFatal) {
      io.stderr.write(`${goLogTime(io.now())} ${e.message}\n`);
      return 1;
    }
    if (e instanceof CrictlError) return fatal(e.message);
    throw e;
  }
}
