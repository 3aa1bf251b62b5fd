/**
 * The last attempt of each crash-looping container, read only for those and all in one extra
 * round trip (issue 6 point 2): `crictl inspect` gives the exit code, reason and finish time
 * (§3.4), `crictl logs --tail 20` the last lines. crictl logs writes the container's stdout to
 * its stdout and the container's stderr to its stderr (§3.1 log format), so both are kept;
 * crictl's own logrus noise on stderr is dropped (§3.5).
 */
import type { CrashDetails } from '../../contract/domain/node-pods';
import { batchArgv, parseBatchOutput } from '../batch/batch-script';
import { parseCrictlInspect } from '../cri/crictl-inspect';
import type { NodeCommand } from '../session/node-command';
import { containerLogLines } from './container-commands';
import CRASH_DETAILS_SCRIPT from './crash-details.sh';

export const CRASH_LOG_TAIL = 20;

export function crashDetailsCommand(containerIds: string[]): NodeCommand {
  return {
    purpose: 'read the last attempt of the crash-looping containers',
    argv: batchArgv(CRASH_DETAILS_SCRIPT, [String(CRASH_LOG_TAIL), ...containerIds]),
    privileged: true,
    timeoutMs: 20_000,
  };
}

export function parseCrashDetails(stdout: Buffer, containerIds: string[]): Record<string, CrashDetails> {
  const sections = parseBatchOutput(stdout);
  const out: Record<string, CrashDetails> = {};
  containerIds.forEach((containerId, index) => {
    const inspect = sections.get(`inspect${index + 1}`);
    const logs = sections.get(`logs${index + 1}`);
    const parsed = inspect && inspect.code === 0 ? parseCrictlInspect(inspect.stdout.toString('utf8')) : null;
    const status = parsed?.ok ? parsed.value[0] : undefined;
    const lines = containerLogLines(logs?.stdout.toString('utf8') ?? '').filter((l) => l !== '');
    out[containerId] = {
      containerId,
      exitCode: status ? status.exitCode : null,
      reason: status?.reason || null,
      finishedAt: status?.finishedAt ?? null,
      lastLines: lines.slice(-CRASH_LOG_TAIL),
    };
  });
  return out;
}
