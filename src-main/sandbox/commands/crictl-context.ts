/** What every crictl subcommand gets: the IO, the runtime snapshot and the emulated version. */
import type { SimNodeState } from '../model';
import type { RuntimeIdentity } from '../daemon/sim-env';
import type { SimPaths } from '../paths';
import type { CommandIO } from './io';
import type { CrictlFeatures } from './crictl-version';
import { goYamlStringify } from './go-yaml';
import { protoJsonStringify, protoToPlain, type ProtoMessage } from './protojson';
import { CrictlError } from './crictl-errors';

export interface CrictlContext {
  io: CommandIO;
  paths: SimPaths;
  features: CrictlFeatures;
  /** Reads the runtime state lazily: `crictl` fails to connect only when it needs the runtime. */
  state(): Promise<SimNodeState>;
  /** The runtime crictl reached (after state()): its name decides `info` and ID shapes. */
  runtime(): RuntimeIdentity;
}

/** Newest first by createdAt, as getSandboxesList / getContainersList sort (§3.2). */
export function newestFirst<T extends { createdAtNs: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => {
    const d = BigInt(b.createdAtNs) - BigInt(a.createdAtNs);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  });
}

/** `-o json|yaml` of a list response (util.go outputProtobufObjAsJSON / AsYAML, fmt.Println). */
export function printListResponse(ctx: CrictlContext, response: ProtoMessage, output: string): void {
  if (output === 'json') ctx.io.stdout.write(protoJsonStringify(response, ctx.features.json) + '\n');
  else ctx.io.stdout.write(goYamlStringify(protoToPlain(response)) + '\n');
}

/** `--last N` / `--latest` after sorting (container.go getContainersList). */
export function takeLatest<T>(items: T[], latest: boolean, last: number): T[] {
  let n = items.length;
  if (latest) n = 1;
  if (last > 0) n = last;
  return items.slice(0, Math.min(n, items.length));
}

export function checkOutput(output: string, wrap: string): void {
  if (!['json', 'yaml', 'table'].includes(output))
    throw new CrictlError(`${wrap}: unsupported output format ${JSON.stringify(output)}`);
}
