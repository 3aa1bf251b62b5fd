/**
 * `crictl inspect ID…` / `crictl inspectp ID…` (docs/kubelet.md §3.4): the CRI status with
 * readable times plus the runtime's verbose `info` (containerd's, or CRI-O's: cri-o-info.ts;
 * dropped with -q).
 * - ≥1.31 (util.go outputStatusData): re-marshalled through Go maps → every key alphabetical,
 *   `info` before `status`; one ID prints an object, several an array.
 * - ≤1.30 (outputStatusInfo): per ID `{"status": …, "info": …}`, status fields in proto order
 *   with nested objects alphabetical (marshalMapInOrder), info as containerd wrote it.
 */
import { flag, optValue, type OptionSpec, type ParsedArgs } from './args';
import { lookupById } from './crictl-ids';
import { CrictlError } from './crictl-errors';
import type { CrictlContext } from './crictl-context';
import { containerInfo, containerStatus, sandboxInfo, sandboxStatus } from './cri-messages';
import { crioContainerInfo, crioSandboxInfo } from './cri-o-info';
import { goJsonIndent, protoToPlain, UNSET, type PlainJson, type ProtoMessage } from './protojson';
import { goYamlStringify } from './go-yaml';
import { crictlAgo } from './go-units';
import { logrusLine } from './logrus';

export const INSPECT_OPTIONS: OptionSpec[] = [
  { name: 'output', short: 'o', value: 'required' },
  { name: 'quiet', short: 'q', value: 'none' },
];

interface StatusData {
  status: ProtoMessage;
  info: PlainJson | undefined;
}

function sortDeep(v: PlainJson): PlainJson {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(sortDeep);
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortDeep(v[k])]),
  );
}

/** ≤1.30 shape: top-level status keys in proto order (unset → null), nested values sorted. */
function legacyDocument(d: StatusData): PlainJson {
  const status: { [k: string]: PlainJson } = {};
  for (const [k, v] of d.status) status[k] = v === UNSET ? null : sortDeep(protoToPlain(v));
  return d.info === undefined ? { status } : { status, info: d.info };
}

function modernDocument(d: StatusData): PlainJson {
  const doc: { [k: string]: PlainJson } = { status: protoToPlain(d.status) };
  if (d.info !== undefined) doc.info = d.info;
  return doc;
}

function printStatuses(ctx: CrictlContext, data: StatusData[], output: string): void {
  if (data.length === 0) return;
  const out = ctx.io.stdout;
  if (ctx.features.inspectAllSorted) {
    const docs = data.map(modernDocument);
    const value = docs.length === 1 ? docs[0] : docs;
    out.write((output === 'yaml' ? goYamlStringify(value) : goJsonIndent(value, '  ')) + '\n');
    return;
  }
  for (const d of data)
    out.write(
      (output === 'yaml'
        ? goYamlStringify(legacyDocument(d))
        : goJsonIndent(legacyDocument(d), '  ', false)) + '\n',
    );
}

function tableLines(ctx: CrictlContext, status: ProtoMessage, kind: 'container' | 'sandbox'): string {
  const plain = protoToPlain(status) as { [k: string]: PlainJson };
  const meta = plain.metadata as { [k: string]: PlainJson };
  const lines = [`ID: ${plain.id}`];
  if (meta.name) lines.push(`Name: ${meta.name}`);
  if (kind === 'sandbox') lines.push(`UID: ${meta.uid}`, `Namespace: ${meta.namespace}`);
  if (meta.attempt) lines.push(`Attempt: ${meta.attempt}`);
  lines.push(`${kind === 'sandbox' ? 'Status' : 'State'}: ${plain.state}`);
  lines.push(
    `Created: ${crictlAgo(ctx.io.now(), String(BigInt(Date.parse(String(plain.createdAt))) * 1_000_000n))}`,
  );
  for (const key of ['labels', 'annotations'] as const) {
    const m = plain[key] as { [k: string]: PlainJson };
    lines.push(key === 'labels' ? 'Labels:' : 'Annotations:');
    for (const k of Object.keys(m).sort()) lines.push(`\t${k} -> ${m[k]}`);
  }
  return lines.join('\n') + '\n';
}

export async function crictlInspect(
  ctx: CrictlContext,
  args: ParsedArgs,
  kind: 'container' | 'sandbox',
): Promise<number> {
  const output = optValue(args, 'output') ?? 'json';
  if (!['json', 'yaml', 'table'].includes(output))
    throw new CrictlError(`unsupported format: ${JSON.stringify(output)}`);
  if (args.positionals.length === 0) {
    ctx.io.stderr.write(
      logrusLine('error', 'No IDs provided or nothing found per filter', ctx.io.now(), ctx.io.stderrIsTTY),
    );
    ctx.io.stdout.write(
      `NAME:\n   crictl ${kind === 'container' ? 'inspect' : 'inspectp'} - Display the status of one or more ${kind === 'container' ? 'containers' : 'pods'}\n`,
    );
    return 0;
  }
  const verbose = !flag(args, 'quiet');
  const state = await ctx.state();
  const crio = ctx.runtime().name === 'cri-o';
  const data: StatusData[] = [];
  for (const id of args.positionals) {
    if (kind === 'container') {
      const found = lookupById(state.containers, id, 'container');
      if (!found.ok)
        throw new CrictlError(`get the status of containers: get container status: ${found.error}`);
      const sb = state.sandboxes.find((s) => s.id === found.item.podSandboxId);
      data.push({
        status: containerStatus(found.item, ctx.features, ctx.runtime().name),
        info: verbose
          ? crio
            ? crioContainerInfo(found.item, sb)
            : containerInfo(found.item, sb)
          : undefined,
      });
    } else {
      const found = lookupById(state.sandboxes, id, 'sandbox');
      if (!found.ok)
        throw new CrictlError(`get the status of pod sandboxes: get pod sandbox status: ${found.error}`);
      const info = crio ? crioSandboxInfo(found.item) : sandboxInfo(found.item);
      data.push({ status: sandboxStatus(found.item), info: verbose ? info : undefined });
    }
    if (output === 'table') ctx.io.stdout.write(tableLines(ctx, data[data.length - 1].status, kind));
  }
  if (output !== 'table') printStatuses(ctx, data, output);
  return 0;
}
