/**
 * kubectl on the Node object (docs/kubelet.md §2.1, §2.4 last point): `get nodes|node|no [NAME…]
 * [-o wide|name|json|yaml] [-l …] [--no-headers] [--show-labels]` and `delete node NAME`.
 * Nodes are cluster-scoped: `-n`/`-A` change nothing. A missing node is
 * `Error from server (NotFound): nodes "x" not found` on stderr, exit 1; no node at all is
 * `No resources found` (no namespace in the sentence).
 */
import { flag, optValue } from './args';
import type { ApiNode, ApiPod } from '../model';
import { apiState, callApi, KubectlError, type KubectlContext } from './kubectl-context';
import { nodeListObject, nodeObject, nodeTable, parseOutput, printObject } from './kubectl-printers';
import { labelSelectorMatcher, SelectorError } from './kubectl-selectors';

const NODE_WORDS = new Set(['nodes', 'node', 'no']);

/** Whether the words name nodes (`nodes …`, `node/NAME …`) rather than pods. */
export function isNodeResource(words: string[]): boolean {
  const first = words[0] ?? '';
  return NODE_WORDS.has(first) || NODE_WORDS.has(first.split('/')[0] ?? '');
}

function nodeNames(words: string[]): string[] {
  if (!words[0]?.includes('/')) return words.slice(1);
  return words.map((w) => {
    const [kind, name] = w.split('/');
    if (!NODE_WORDS.has(kind ?? ''))
      throw new KubectlError(
        'error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form',
      );
    return name ?? '';
  });
}

function labelMatcher(selector: string | undefined): (node: ApiNode) => boolean {
  try {
    const matches = labelSelectorMatcher(selector);
    // The matcher reads metadata.labels only, which a Node has the same way a Pod does.
    return (node) => matches({ metadata: { labels: node.metadata.labels } } as ApiPod);
  } catch (e) {
    if (e instanceof SelectorError) throw new KubectlError(e.message);
    throw e;
  }
}

export async function kubectlGetNodes(ctx: KubectlContext, words: string[]): Promise<number> {
  const { args, io } = ctx;
  const output = parseOutput(optValue(args, 'output'));
  const names = nodeNames(words);
  const labelOk = labelMatcher(optValue(args, 'selector'));
  const state = await apiState(ctx);
  const all = state.node ? [state.node] : [];

  let code = 0;
  let nodes = all.filter(labelOk);
  if (names.length) {
    nodes = [];
    for (const name of names) {
      const node = all.find((n) => n.metadata.name === name);
      if (node) nodes.push(node);
      else if (!flag(args, 'ignore-not-found')) {
        io.stderr.write(`Error from server (NotFound): nodes "${name}" not found\n`);
        code = 1;
      }
    }
    if (names.length === 1 && nodes.length === 1 && (output === 'json' || output === 'yaml')) {
      io.stdout.write(printObject(nodeObject(nodes[0] as ApiNode), output));
      return code;
    }
    if (nodes.length === 0) return code;
  }
  if (output === 'json' || output === 'yaml') {
    io.stdout.write(printObject(nodeListObject(nodes), output));
    return code;
  }
  if (nodes.length === 0) {
    io.stderr.write('No resources found\n');
    return code;
  }
  if (output === 'name') {
    for (const n of nodes) io.stdout.write(`node/${n.metadata.name}\n`);
    return code;
  }
  io.stdout.write(
    nodeTable(nodes, {
      wide: output === 'wide',
      noHeaders: flag(args, 'no-headers'),
      showLabels: flag(args, 'show-labels'),
      nowMs: io.now(),
    }),
  );
  return code;
}

/** `kubectl delete node NAME…` → 'nodes.delete' per name; `node "NAME" deleted`. */
export async function kubectlDeleteNode(ctx: KubectlContext, words: string[]): Promise<number> {
  const { args, io } = ctx;
  const names = nodeNames(words);
  if (names.length === 0)
    throw new KubectlError('error: resource(s) were provided, but no name was specified');
  const state = await apiState(ctx);
  let code = 0;
  for (const name of names) {
    try {
      await callApi(ctx, state, 'nodes.delete', { name });
    } catch (e) {
      const text = (e as Error).message;
      if (flag(args, 'ignore-not-found') && text.includes('(NotFound)')) continue;
      io.stderr.write(`${text}\n`);
      code = 1;
      continue;
    }
    // A Node has no finalizers: it is gone when the delete returns, so the wait ends at once.
    io.stdout.write(`node "${name}" deleted\n`);
  }
  return code;
}
