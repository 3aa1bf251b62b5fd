/**
 * Handlers of discovery, the pods snapshot, container details and the sandbox node
 * (contract/ops/pods.ts).
 */
import { ContractError } from '../../contract';
import type { ApiSource } from '../../contract/domain/node-pods';
import type { podOperations, podStreams } from '../../contract/ops/pods';
import { parseCrictlInspect, parseCrictlInspectp } from '../../node/cri/crictl-inspect';
import {
  containerLogLines,
  crictlComplaint,
  crictlFollowLogsCommand,
  crictlInspectCommand,
  crictlLogsCommand,
  crictlLogsFailure,
  isCrictlNoise,
} from '../../node/snapshot/container-commands';
import { StreamLineSplitter } from '../../node/journal/line-splitter';
import { readPodsSnapshot } from '../../inspect/read-pods-snapshot';
import type { CoreContext } from '../core-context';
import { resetSandbox } from '../sandbox-builtin';
import { timelineOf } from './timeline';
import type { HandlersOf, StreamProvidersOf } from './handler-types';

export function podHandlers(context: CoreContext): HandlersOf<typeof podOperations> {
  // The API source is an option per node, kept for the life of the core.
  const apiSources = new Map<string, ApiSource>();
  return {
    'node.discover': async ({ id }) => context.discovery(id),
    'pods.snapshot': async ({ id, api }) => {
      const snapshot = await readPodsSnapshot(context.session(id), await context.discovery(id), {
        api: api ?? apiSources.get(id) ?? { kind: 'node' },
        rediscover: (kubelet) => context.rediscover(id, kubelet),
        remember: (discovery) => context.remember(id, discovery),
      });
      // The timeline diffs successive snapshots (pod UID, sandbox, restarts).
      timelineOf(context, id).addSnapshot(snapshot);
      return snapshot;
    },
    'pods.apiSource.get': async ({ id }) => apiSources.get(id) ?? { kind: 'node' },
    'pods.apiSource.set': async ({ id, source }) => {
      context.registry.get(id);
      apiSources.set(id, source);
      return source;
    },
    'pods.inspect': async ({ id, target, runtimeId }) => {
      const output = await context.session(id).run(crictlInspectCommand(target, runtimeId));
      const raw = output.stdout.toString('utf8');
      const reason =
        output.code === 0
          ? null
          : (crictlComplaint(output.stderr) ?? (output.stderr.trim() || `crictl exited with ${output.code}`));
      if (target === 'container') {
        const parsed = reason ? null : parseCrictlInspect(raw);
        return { target, value: parsed?.ok ? (parsed.value[0] ?? null) : null, raw, reason };
      }
      const parsed = reason ? null : parseCrictlInspectp(raw);
      return { target, value: parsed?.ok ? (parsed.value[0] ?? null) : null, raw, reason };
    },
    'pods.logs': async ({ id, containerId, previous, tail }) => {
      const output = await context.session(id).run(crictlLogsCommand(containerId, tail, previous));
      const reason = crictlLogsFailure(output);
      if (reason) return { containerId, previous, lines: [], reason };
      return {
        containerId,
        previous,
        lines: containerLogLines(output.stdout.toString('utf8')),
        reason: null,
      };
    },
    'sandbox.reset': async () => {
      const sandbox = context.options.sandbox;
      if (!sandbox)
        throw new ContractError({ code: 'unsupported', message: 'This build has no sandbox node.' });
      await resetSandbox(context.registry, sandbox);
      return { reset: true };
    },
  };
}

export function podStreamProviders(context: CoreContext): StreamProvidersOf<typeof podStreams> {
  return {
    'pods.logs.follow': ({ id, containerId, tail }, sink) => {
      let stopped = false;
      let close = () => {};
      void (async () => {
        const channel = await context.session(id).stream(crictlFollowLogsCommand(containerId, tail));
        close = () => channel.close();
        if (stopped) return channel.close();
        // Whole lines, decoded across chunks (a character cut by a read comes out whole).
        const splitter = new StreamLineSplitter();
        // Backpressure: stop reading from the node while the client is behind.
        sink.onResume(() => channel.stdout.resume());
        channel.stdout.on('data', (chunk: Buffer) => {
          const lines = splitter.push(chunk).filter((line) => !isCrictlNoise(line));
          if (lines.length > 0) sink.push({ lines });
          if (sink.paused) channel.stdout.pause();
        });
        const status = await channel.exit;
        const last = splitter.end();
        if (last !== null && !isCrictlNoise(last)) sink.push({ lines: [last] });
        if (!stopped)
          sink.end(
            status.code && status.code !== 0
              ? new ContractError({
                  code: 'internal',
                  message: `crictl logs -f ended with exit ${status.code}.`,
                })
              : undefined,
          );
      })().catch((error: unknown) => sink.end(error));
      return () => {
        stopped = true;
        close();
      };
    },
  };
}
