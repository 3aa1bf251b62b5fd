/**
 * `crictl pods` (cri-tools sandbox.go, docs/kubelet.md §3.2/§3.3): table
 * `POD ID CREATED STATE NAME NAMESPACE ATTEMPT RUNTIME`, `-q` full IDs, `-o json` with top-level
 * `items`, filters --id (prefix) --name/--namespace (regex) --label --state, --latest/--last.
 */
import { flag, optValue, optValues, type OptionSpec, type ParsedArgs } from './args';
import { crictlAgo } from './go-units';
import { CRICTL_TABWRITER, tabwriteRows } from './tabwriter';
import { idFilter, truncateId } from './crictl-ids';
import { sandboxListItem } from './cri-messages';
import { msg } from './protojson';
import { GoLogFatal, labelsMatch, matchesRegex, parseGoInt, parseLabelFilters } from './crictl-errors';
import {
  checkOutput,
  newestFirst,
  printListResponse,
  takeLatest,
  type CrictlContext,
} from './crictl-context';

export const PODS_OPTIONS: OptionSpec[] = [
  { name: 'id', value: 'required' },
  { name: 'name', value: 'required' },
  { name: 'namespace', value: 'required' },
  { name: 'state', short: 's', value: 'required' },
  { name: 'label', value: 'required' },
  { name: 'quiet', short: 'q', value: 'none' },
  { name: 'output', short: 'o', value: 'required' },
  { name: 'latest', short: 'l', value: 'none' },
  { name: 'last', short: 'n', value: 'required' },
  { name: 'no-trunc', value: 'none' },
];

export async function crictlPods(ctx: CrictlContext, args: ParsedArgs): Promise<void> {
  const output = optValue(args, 'output') ?? 'table';
  const last = parseGoInt(optValue(args, 'last') ?? '0', 'last');
  const labels = parseLabelFilters(optValues(args, 'label'));
  const stateFilter = optValue(args, 'state');
  let wantState: string | undefined;
  if (stateFilter !== undefined) {
    const s = stateFilter.toLowerCase();
    if (s === 'ready') wantState = 'SANDBOX_READY';
    else if (s === 'notready') wantState = 'SANDBOX_NOTREADY';
    else throw new GoLogFatal('--state should be ready or notready');
  }
  checkOutput(output, 'listing pod sandboxes');

  const state = await ctx.state();
  const idMatches = idFilter(state.sandboxes, optValue(args, 'id'));
  const filtered = state.sandboxes.filter(
    (sb) =>
      idMatches(sb.id) &&
      (!wantState || sb.state === wantState) &&
      labelsMatch(sb.labels, labels) &&
      matchesRegex(optValue(args, 'name'), sb.name) &&
      matchesRegex(optValue(args, 'namespace'), sb.namespace),
  );
  const list = takeLatest(newestFirst(filtered), flag(args, 'latest'), last);

  if (output !== 'table') {
    printListResponse(ctx, msg([['items', list.map(sandboxListItem)]]), output);
    return;
  }
  if (flag(args, 'quiet')) {
    for (const sb of list) ctx.io.stdout.write(sb.id + '\n');
    return;
  }
  const noTrunc = flag(args, 'no-trunc');
  const header = ['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT'];
  if (ctx.features.runtimeColumn) header.push('RUNTIME');
  const now = ctx.io.now();
  const rows = list.map((sb) => {
    const row = [
      noTrunc ? sb.id : truncateId(sb.id),
      crictlAgo(now, sb.createdAtNs),
      sb.state === 'SANDBOX_READY' ? 'Ready' : 'NotReady',
      sb.name,
      sb.namespace,
      String(sb.attempt),
    ];
    if (ctx.features.runtimeColumn) row.push(sb.runtimeHandler || '(default)');
    return row;
  });
  ctx.io.stdout.write(tabwriteRows([header, ...rows], CRICTL_TABWRITER));
}
