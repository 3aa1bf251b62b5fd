/**
 * The simulated `kubectl` (docs/kubelet.md §4): get, delete, apply, label, annotate, patch on pods.
 * Reads come from the state the simulated kubelet publishes; writes go to its daemon. pflag
 * semantics: options anywhere, `--kubeconfig PATH` accepted. Errors: `error: …` on stderr,
 * exit 1; an API server that is down → `The connection to the server <ip>:6443 was refused …`.
 */
import { ArgsError, parseArgs, type ParsedArgs } from './args';
import type { CommandIO } from './io';
import { KUBECTL_OPTIONS, KubectlError, type KubectlContext } from './kubectl-context';
import { kubectlGet } from './kubectl-get';
import { kubectlApply, kubectlDelete, kubectlPatchMetadata } from './kubectl-mutate';
import { kubectlPatch, PATCH_OPTIONS } from './kubectl-patch';
import { commandPaths } from './state';

const VERBS = ['get', 'delete', 'apply', 'label', 'annotate', 'patch'];

export async function runKubectl(argv: string[], io: CommandIO): Promise<number> {
  const verb = argv.find((a) => !a.startsWith('-'));
  let args: ParsedArgs;
  try {
    // -p/--type belong to `kubectl patch` only (pflag flag sets are per subcommand).
    args = parseArgs(argv, argv.includes('patch') ? [...KUBECTL_OPTIONS, ...PATCH_OPTIONS] : KUBECTL_OPTIONS);
  } catch (e) {
    if (!(e instanceof ArgsError)) throw e;
    const p = e.problem;
    const text =
      p.kind === 'unknown-long'
        ? `unknown flag: --${p.flag}`
        : p.kind === 'unknown-short'
          ? `unknown shorthand flag: '${p.letter}' in ${p.arg}`
          : p.viaShort
            ? `flag needs an argument: '${p.spec.short}' in -${p.spec.short}`
            : `flag needs an argument: --${p.spec.name}`;
    io.stderr.write(
      `error: ${text}\nSee 'kubectl${verb && VERBS.includes(verb) ? ` ${verb}` : ''} --help' for usage.\n`,
    );
    return 1;
  }
  const [command, ...words] = args.positionals;
  if (!command) {
    io.stdout.write(
      'kubectl controls the Kubernetes cluster manager.\n\nBasic Commands:\n  get, delete, apply, label, annotate, patch\n',
    );
    return 0;
  }
  const ctx: KubectlContext = { io, paths: commandPaths(io.env), args };
  try {
    switch (command) {
      case 'get':
        return await kubectlGet(ctx, words);
      case 'delete':
        return await kubectlDelete(ctx, words);
      case 'apply':
        return await kubectlApply(ctx);
      case 'label':
      case 'annotate':
        return await kubectlPatchMetadata(ctx, words, command);
      case 'patch':
        return await kubectlPatch(ctx, words);
      default:
        io.stderr.write(
          `error: unknown command "${command}" for "kubectl"\nRun 'kubectl --help' for usage.\n`,
        );
        return 1;
    }
  } catch (e) {
    if (!(e instanceof KubectlError)) throw e;
    io.stderr.write(e.message + '\n');
    return 1;
  }
}
