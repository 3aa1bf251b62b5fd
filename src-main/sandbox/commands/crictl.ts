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

async function crictlVersion(ctx: CrictlContext): Promise<void> {
  await ctx.state();
  ctx.io.stdout.write(
    'Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  v1.7.24\nRuntimeApiVersion:  v1\n',
  );
}

function goLogTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export async function runCrictl(argv: string[], io: CommandIO): Promise<number> {
  const fatal = (message: string): number => {
    io.stderr.write(logrusLine('fatal', message, io.now(), io.stderrIsTTY));
    return 1;
  };
  // Global options come before the subcommand, as urfave/cli requires.
  let i = 0;
  while (i < argv.length && argv[i].startsWith('-')) {
    const spec = GLOBAL_OPTIONS.find(
      (o) => argv[i] === `--${o.name}` || argv[i] === `-${o.name}` || argv[i] === `-${o.short}`,
    );
    if (argv[i].includes('=') || spec?.value === 'none') i += 1;
    else if (spec) i += 2;
    else return fatal(`flag provided but not defined: ${argv[i].replace(/^--?/, '-').split('=')[0]}`);
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
  const ctx: CrictlContext = {
    io,
    paths,
    features: crictlFeatures(parseCrictlVersion(io.env.KUBELET_SIM_CRICTL_VERSION), io.env),
    state: async () => {
      const state = await readNodeState(paths);
      if (!state) {
        const sock = ENDPOINT.slice('unix://'.length);
        throw new CrictlError(
          `validate service connection: validate CRI v1 runtime API for endpoint ${JSON.stringify(ENDPOINT)}: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${sock}: connect: no such file or directory"`,
        );
      }
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
