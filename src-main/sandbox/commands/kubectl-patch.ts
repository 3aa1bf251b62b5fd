/**
 * `kubectl patch pod NAME… [-n NS] [--type strategic|merge|json] -p PATCH [-o name|json|yaml]`
 * against the simulated API: the patch is applied to the pod as the API holds it (pod-patch.ts)
 * and the resulting labels, annotations and finalizers go to the kubelet daemon as
 * 'pods.patchMetadata'. A finalizer is how a user or controller holds a mirror pod: the
 * kubelet's delete of an outdated mirror then only marks it (docs/kubelet.md §2.2).
 * Output as kubectl prints it: `pod/NAME patched`, `pod/NAME patched (no change)`.
 */
import { parse as parseYaml } from 'yaml';
import { optValue, type OptionSpec } from './args';
import { apiState, callApi, KubectlError, type KubectlContext } from './kubectl-context';
import { podNames } from './kubectl-get';
import { parseOutput, podName, podObject, printObject } from './kubectl-printers';
import { PATCH_TYPES, PatchError, patchPod, type PatchType } from './pod-patch';

/** The options only `kubectl patch` has (pflag: per subcommand). */
export const PATCH_OPTIONS: OptionSpec[] = [
  { name: 'patch', short: 'p', value: 'required' },
  { name: 'type', value: 'required' },
];

/** kubectl reads -p as YAML (a superset of JSON) and sends it as JSON. */
function decodePatch(text: string): Parameters<typeof patchPod>[1] {
  try {
    return JSON.parse(text) as Parameters<typeof patchPod>[1];
  } catch {
    try {
      return parseYaml(text) as Parameters<typeof patchPod>[1];
    } catch (e) {
      // [inf] kubectl's wording is `unable to parse "<patch>": yaml: …` with go-yaml's message.
      throw new KubectlError(
        `error: unable to parse "${text}": yaml: ${(e as Error).message.split('\n')[0]}`,
      );
    }
  }
}

export async function kubectlPatch(ctx: KubectlContext, words: string[]): Promise<number> {
  const { args, io } = ctx;
  const names = podNames(words, 'patch');
  if (names.length === 0)
    throw new KubectlError('error: resource(s) were provided, but no name was specified');
  const text = optValue(args, 'patch');
  if (text === undefined || text === '')
    throw new KubectlError(
      'error: must specify --patch or --patch-file containing the contents of the patch',
    );
  const type = (optValue(args, 'type') ?? 'strategic') as PatchType;
  if (!PATCH_TYPES.includes(type))
    throw new KubectlError(`error: --type must be one of [${PATCH_TYPES.join(' ')}], not "${type}"`);
  const output = optValue(args, 'output');
  const printer = output === undefined ? undefined : parseOutput(output);
  const patch = decodePatch(text);
  const namespace = optValue(args, 'namespace') ?? 'default';
  const state = await apiState(ctx);
  let code = 0;
  for (const name of names) {
    const pod = state.apiPods.find((p) => p.metadata.namespace === namespace && p.metadata.name === name);
    if (!pod) {
      io.stderr.write(`Error from server (NotFound): pods "${name}" not found\n`);
      code = 1;
      continue;
    }
    let result;
    try {
      result = patchPod(pod, patch, type);
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      io.stderr.write(`${e.message}\n`);
      code = 1;
      continue;
    }
    let shown = result.pod;
    if (result.changed) {
      const { labels, annotations, finalizers } = result.change;
      const reply = await callApi(ctx, state, 'pods.patchMetadata', {
        namespace,
        name,
        labels,
        annotations,
        ...(finalizers ? { finalizers } : {}),
      });
      // The daemon's copy has the new resourceVersion; the status is the one kubectl get shows.
      shown = { ...result.pod, metadata: reply.pod.metadata };
    }
    if (printer === 'json' || printer === 'yaml') io.stdout.write(printObject(podObject(shown), printer));
    else if (printer === 'name') io.stdout.write(podName(shown));
    else io.stdout.write(`pod/${name} patched${result.changed ? '' : ' (no change)'}\n`);
  }
  return code;
}
