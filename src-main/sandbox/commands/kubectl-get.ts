/**
 * `kubectl get nodes …` is kubectl-nodes.ts. `kubectl get pods|pod|po [NAME…] [-n NS|-A] [-o wide|name|json|yaml] [--field-selector …]
 * [-l …] [--no-headers] [--show-labels]` against the simulated API (docs/kubelet.md §4).
 * Lists come in etcd key order (namespace, then name); an empty table says
 * `No resources found in NS namespace.` on stderr.
 */
import { flag, optValue } from './args';
import { apiState, byNamespaceThenName, KubectlError, type KubectlContext } from './kubectl-context';
import { listObject, podName, podObject, podTable, parseOutput, printObject } from './kubectl-printers';
import { fieldSelectorMatcher, labelSelectorMatcher, SelectorError } from './kubectl-selectors';
import { isNodeResource, kubectlGetNodes } from './kubectl-nodes';

const POD_WORDS = new Set(['pods', 'pod', 'po']);

/** Splits `pods NAME…` / `pod/NAME…` into the pod names asked for (empty: all). */
export function podNames(words: string[], verb: string): string[] {
  if (words.length === 0)
    throw new KubectlError(
      `error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl ${verb} -h' for help and examples`,
    );
  if (words[0].includes('/')) {
    return words.map((w) => {
      const [kind, name] = w.split('/');
      if (!POD_WORDS.has(kind))
        throw new KubectlError(`error: the server doesn't have a resource type "${kind}"`);
      return name;
    });
  }
  if (!POD_WORDS.has(words[0]))
    throw new KubectlError(`error: the server doesn't have a resource type "${words[0]}"`);
  return words.slice(1);
}

export async function kubectlGet(ctx: KubectlContext, words: string[]): Promise<number> {
  if (isNodeResource(words)) return kubectlGetNodes(ctx, words);
  const { args, io } = ctx;
  const output = parseOutput(optValue(args, 'output'));
  const names = podNames(words, 'get');
  const all = flag(args, 'all-namespaces');
  const namespace = optValue(args, 'namespace') ?? 'default';
  let fieldOk, labelOk;
  try {
    fieldOk = fieldSelectorMatcher(optValue(args, 'field-selector'));
    labelOk = labelSelectorMatcher(optValue(args, 'selector'));
  } catch (e) {
    if (e instanceof SelectorError) throw new KubectlError(e.message);
    throw e;
  }
  const state = await apiState(ctx);
  const inScope = state.apiPods
    .filter((p) => (all && names.length === 0) || p.metadata.namespace === namespace)
    .sort(byNamespaceThenName);

  let code = 0;
  let pods = inScope.filter((p) => fieldOk(p) && labelOk(p));
  if (names.length) {
    pods = [];
    for (const name of names) {
      const pod = inScope.find((p) => p.metadata.name === name);
      if (pod) pods.push(pod);
      else if (!flag(args, 'ignore-not-found')) {
        io.stderr.write(`Error from server (NotFound): pods "${name}" not found\n`);
        code = 1;
      }
    }
    if (names.length === 1 && pods.length === 1 && (output === 'json' || output === 'yaml')) {
      io.stdout.write(printObject(podObject(pods[0]), output));
      return code;
    }
    if (pods.length === 0) return code;
  }

  if (output === 'json' || output === 'yaml') {
    io.stdout.write(printObject(listObject(pods), output));
    return code;
  }
  if (pods.length === 0) {
    io.stderr.write(all ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
    return code;
  }
  if (output === 'name') {
    for (const p of pods) io.stdout.write(podName(p));
    return code;
  }
  io.stdout.write(
    podTable(pods, {
      withNamespace: all && names.length === 0,
      wide: output === 'wide',
      noHeaders: flag(args, 'no-headers'),
      showLabels: flag(args, 'show-labels'),
      nowMs: io.now(),
    }),
  );
  return code;
}
