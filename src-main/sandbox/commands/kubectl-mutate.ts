/**
 * The state-changing kubectl verbs, sent to the simulated kubelet daemon (../rpc.ts)
 * (`delete node` is kubectl-nodes.ts):
 * `delete pod NAME [--grace-period N] [--force] [--wait=false]` → 'pods.delete',
 * `apply -f FILE|-` → 'pods.apply' per document, `label|annotate pod NAME k=v k-` →
 * 'pods.patchMetadata'. Messages as kubectl prints them (`pod "x" deleted`, `pod/x created`).
 */
import fs from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { flag, optValue } from './args';
import { apiState, callApi, KubectlError, type KubectlContext } from './kubectl-context';
import { podNames } from './kubectl-get';
import { isNodeResource, kubectlDeleteNode } from './kubectl-nodes';
import { readNodeState } from './state';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function kubectlDelete(ctx: KubectlContext, words: string[]): Promise<number> {
  if (isNodeResource(words)) return kubectlDeleteNode(ctx, words);
  const { args, io } = ctx;
  const names = podNames(words, 'delete');
  if (names.length === 0)
    throw new KubectlError('error: resource(s) were provided, but no name was specified');
  const namespace = optValue(args, 'namespace') ?? 'default';
  const rawGrace = optValue(args, 'grace-period');
  let grace = rawGrace === undefined ? undefined : Number(rawGrace);
  if (grace !== undefined && !Number.isInteger(grace))
    throw new KubectlError(
      `error: invalid argument "${rawGrace}" for "--grace-period" flag: strconv.ParseInt: parsing "${rawGrace}": invalid syntax`,
    );
  if (flag(args, 'now')) grace = 1;
  if (flag(args, 'force')) {
    grace = grace ?? 0;
    io.stderr.write(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
  } else if (grace === 0) grace = 1; // kubectl: --grace-period=0 without --force means 1 s
  const wait = args.options.has('wait') ? flag(args, 'wait') : true;

  const state = await apiState(ctx);
  let code = 0;
  for (const name of names) {
    const before = state.apiPods.find((p) => p.metadata.namespace === namespace && p.metadata.name === name);
    try {
      await callApi(ctx, state, 'pods.delete', {
        namespace,
        name,
        ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
      });
    } catch (e) {
      if (flag(args, 'ignore-not-found') && String((e as Error).message).includes('(NotFound)')) continue;
      io.stderr.write(`${(e as Error).message}\n`);
      code = 1;
      continue;
    }
    io.stdout.write(`pod "${name}" deleted\n`);
    // kubectl waits until the object is gone (--wait=true); a mirror pod goes at once.
    if (wait && before) {
      const deadline = Date.now() + ((grace ?? 30) + 30) * 1000;
      while (Date.now() < deadline && !io.signal?.aborted) {
        const now = await readNodeState(ctx.paths);
        if (!now?.apiPods.some((p) => p.metadata.uid === before.metadata.uid)) break;
        await sleep(100);
      }
    }
  }
  return code;
}

export async function kubectlApply(ctx: KubectlContext): Promise<number> {
  const { args, io } = ctx;
  const file = optValue(args, 'filename');
  if (!file) throw new KubectlError('error: must specify one of -f and -k');
  let text: string;
  if (file === '-') text = io.readStdin ? await io.readStdin() : '';
  else {
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      throw new KubectlError(`error: the path "${file}" does not exist`);
    }
  }
  const docs = parseAllDocuments(text);
  const manifests: unknown[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length)
      throw new KubectlError(
        `error: error parsing ${file}: error converting YAML to JSON: yaml: ${doc.errors[0].message.split('\n')[0]}`,
      );
    const value: unknown = doc.toJS();
    if (value !== null && value !== undefined) manifests.push(value);
  }
  if (manifests.length === 0) throw new KubectlError('error: no objects passed to apply');
  const state = await apiState(ctx);
  const ns = optValue(args, 'namespace');
  let code = 0;
  for (const manifest of manifests) {
    const meta = (manifest as { metadata?: { namespace?: string } }).metadata;
    if (ns && meta) {
      if (meta.namespace && meta.namespace !== ns)
        throw new KubectlError(
          `error: the namespace from the provided object "${meta.namespace}" does not match the namespace "${ns}". You must pass '--namespace=${meta.namespace}' to perform this operation.`,
        );
      meta.namespace = ns;
    }
    try {
      const r = await callApi(ctx, state, 'pods.apply', { manifest });
      io.stdout.write(`pod/${r.pod.metadata.name} ${r.created ? 'created' : 'configured'}\n`);
    } catch (e) {
      io.stderr.write(`${(e as Error).message}\n`);
      code = 1;
    }
  }
  return code;
}

/** `kubectl label|annotate pod NAME k=v k2-` (changes: value or null to remove). */
export async function kubectlPatchMetadata(
  ctx: KubectlContext,
  words: string[],
  kind: 'label' | 'annotate',
): Promise<number> {
  const { args, io } = ctx;
  const resourceWords = words.filter((w) => !/^[^=]+=|^[^=]+-$/.test(w) || POD_RESOURCE.test(w));
  const changeWords = words.filter((w) => !resourceWords.includes(w));
  const names = podNames(resourceWords, kind);
  if (names.length === 0)
    throw new KubectlError(
      'error: one or more resources must be specified as <resource> <name> or <resource>/<name>',
    );
  if (changeWords.length === 0)
    throw new KubectlError(
      `error: at least one ${kind === 'label' ? 'label' : 'annotation'} update is required`,
    );
  const changes: Record<string, string | null> = {};
  for (const w of changeWords) {
    if (w.endsWith('-') && !w.includes('=')) changes[w.slice(0, -1)] = null;
    else changes[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
  }
  const namespace = optValue(args, 'namespace') ?? 'default';
  const state = await apiState(ctx);
  for (const name of names) {
    const pod = state.apiPods.find((p) => p.metadata.namespace === namespace && p.metadata.name === name);
    if (!pod) throw new KubectlError(`Error from server (NotFound): pods "${name}" not found`);
    const current = (kind === 'label' ? pod.metadata.labels : pod.metadata.annotations) ?? {};
    for (const [k, v] of Object.entries(changes)) {
      if (v !== null && current[k] !== undefined && current[k] !== v && !flag(args, 'overwrite')) {
        throw new KubectlError(
          kind === 'label'
            ? `error: '${k}' already has a value (${current[k]}), and --overwrite is false`
            : `error: --overwrite is false but found the following declared annotation(s): '${k}' already has a value (${current[k]})`,
        );
      }
    }
    const changed = Object.entries(changes).some(([k, v]) =>
      v === null ? current[k] !== undefined : current[k] !== v,
    );
    await callApi(ctx, state, 'pods.patchMetadata', {
      namespace,
      name,
      ...(kind === 'label' ? { labels: changes } : { annotations: changes }),
    });
    const verb = kind === 'label' ? 'labeled' : 'annotated';
    io.stdout.write(`pod/${name} ${changed || kind === 'annotate' ? verb : `not ${verb}`}\n`);
  }
  return 0;
}

const POD_RESOURCE = /^(pods?|po)(\/.+)?$/;
