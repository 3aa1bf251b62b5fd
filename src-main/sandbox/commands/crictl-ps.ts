/**
 * `crictl ps` (cri-tools container.go, docs/kubelet.md §3.2/§3.3): running containers by default,
 * `-a` all; columns depend on the emulated version (CONTAINER [ID], POD ID, POD, NAMESPACE);
 * IMAGE shows a `sha256:` digest as 13 hex chars; `-o json` has top-level `containers`.
 */
import { flag, optValue, optValues, type OptionSpec, type ParsedArgs } from './args';
import { crictlAgo } from './go-units';
import { CRICTL_TABWRITER, tabwriteRows } from './tabwriter';
import { idFilter, truncateId } from './crictl-ids';
import { containerListItem, listedImage } from './cri-messages';
import { msg } from './protojson';
import { GoLogFatal, labelsMatch, matchesRegex, parseGoInt, parseLabelFilters } from './crictl-errors';
import {
  checkOutput,
  newestFirst,
  printListResponse,
  takeLatest,
  type CrictlContext,
} from './crictl-context';
import type { ContainerState, SimContainer } from '../model';

export const PS_OPTIONS: OptionSpec[] = [
  { name: 'id', value: 'required' },
  { name: 'name', value: 'required' },
  { name: 'pod', short: 'p', value: 'required' },
  { name: 'state', short: 's', value: 'required' },
  { name: 'label', value: 'required' },
  { name: 'quiet', short: 'q', value: 'none' },
  { name: 'output', short: 'o', value: 'required' },
  { name: 'all', short: 'a', value: 'none' },
  { name: 'latest', short: 'l', value: 'none' },
  { name: 'last', short: 'n', value: 'required' },
  { name: 'no-trunc', value: 'none' },
  { name: 'namespace', value: 'required' },
];

const STATE_NAMES: Record<string, ContainerState> = {
  created: 'CONTAINER_CREATED',
  running: 'CONTAINER_RUNNING',
  exited: 'CONTAINER_EXITED',
  unknown: 'CONTAINER_UNKNOWN',
};

const STATE_CELL: Record<ContainerState, string> = {
  CONTAINER_CREATED: 'Created',
  CONTAINER_RUNNING: 'Running',
  CONTAINER_EXITED: 'Exited',
  CONTAINER_UNKNOWN: 'Unknown',
};

/** IMAGE cell: a parseable digest (containerd's `sha256:<hex>`) shows 13 hex chars, anything else in full. */
export function imageCell(image: string, noTrunc: boolean): string {
  if (noTrunc) return image;
  const m = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([a-fA-F0-9]{32,})$/.exec(image);
  return m ? truncateId(m[2]) : image;
}

export async function crictlPs(ctx: CrictlContext, args: ParsedArgs): Promise<void> {
  const output = optValue(args, 'output') ?? 'table';
  const last = parseGoInt(optValue(args, 'last') ?? '0', 'last');
  const latest = flag(args, 'latest');
  const labels = parseLabelFilters(optValues(args, 'label'));
  const stateOpt = optValue(args, 'state');
  let wantState: ContainerState | undefined = flag(args, 'all') ? undefined : 'CONTAINER_RUNNING';
  if (stateOpt !== undefined && stateOpt !== '') {
    wantState = STATE_NAMES[stateOpt.toLowerCase()];
    if (!wantState) throw new GoLogFatal('--state should be one of created, running, exited or unknown');
  }
  if (latest || last > 0) wantState = undefined; // "Do not filter by state if latest/last is specified."
  checkOutput(output, 'listing containers: list containers');

  const state = await ctx.state();
  const idMatches = idFilter(state.containers, optValue(args, 'id'));
  const podMatches = idFilter(state.sandboxes, optValue(args, 'pod'));
  const ns = (c: SimContainer) => c.labels['io.kubernetes.pod.namespace'] ?? 'unknown';
  const filtered = state.containers.filter(
    (c) =>
      idMatches(c.id) &&
      podMatches(c.podSandboxId) &&
      (!wantState || c.state === wantState) &&
      labelsMatch(c.labels, labels) &&
      matchesRegex(optValue(args, 'name'), c.name) &&
      matchesRegex(optValue(args, 'namespace'), ns(c)),
  );
  const list = takeLatest(newestFirst(filtered), latest, last);

  if (output !== 'table') {
    printListResponse(
      ctx,
      msg([['containers', list.map((c) => containerListItem(c, ctx.features, ctx.runtime().name))]]),
      output,
    );
    return;
  }
  if (flag(args, 'quiet')) {
    for (const c of list) ctx.io.stdout.write(c.id + '\n');
    return;
  }
  const f = ctx.features;
  const noTrunc = flag(args, 'no-trunc');
  const header = [f.containerHeader, 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT'];
  if (f.podIdColumn) header.push('POD ID');
  if (f.podColumn) header.push('POD');
  if (f.namespaceColumn) header.push('NAMESPACE');
  const now = ctx.io.now();
  const rows = list.map((c) => {
    const row = [
      noTrunc ? c.id : truncateId(c.id),
      imageCell(listedImage(c, ctx.runtime().name), noTrunc),
      crictlAgo(now, c.createdAtNs),
      STATE_CELL[c.state],
      c.name,
      String(c.attempt),
    ];
    if (f.podIdColumn) row.push(noTrunc ? c.podSandboxId : truncateId(c.podSandboxId));
    if (f.podColumn) row.push(c.labels['io.kubernetes.pod.name'] ?? 'unknown');
    if (f.namespaceColumn) row.push(ns(c));
    return row;
  });
  ctx.io.stdout.write(tabwriteRows([header, ...rows], CRICTL_TABWRITER));
}
