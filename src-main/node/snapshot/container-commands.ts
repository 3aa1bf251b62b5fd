/**
 * Commands about one container or sandbox, for the Pods pane's details (issue 6 point 5):
 * `crictl inspect`/`inspectp` (docs/kubelet.md §3.4) and `crictl logs [--previous] --tail N [-f]`.
 * crictl logs writes the container's stderr lines to its own stderr; `2>&1` keeps the two
 * streams in the order they were written, and crictl's logrus noise is filtered afterwards (§3.5).
 */
import type { NodeCommand } from '../session/node-command';
import CRICTL_MERGED_SCRIPT from './crictl-merged.sh';

export function crictlInspectCommand(target: 'container' | 'sandbox', runtimeId: string): NodeCommand {
  return {
    purpose: target === 'container' ? 'inspect the container' : 'inspect the pod sandbox',
    argv: ['crictl', target === 'container' ? 'inspect' : 'inspectp', '--', runtimeId],
    privileged: true,
    timeoutMs: 15_000,
  };
}

/** `crictl logs [-f] --tail=N [--previous] -- <id>`, the container's stderr merged in order. */
function crictlLogsArgv(
  containerId: string,
  tail: number,
  options: { previous?: boolean; follow?: boolean },
) {
  const args = [
    'logs',
    ...(options.follow ? ['-f'] : []),
    `--tail=${tail}`,
    ...(options.previous ? ['--previous'] : []),
    '--',
    containerId,
  ];
  return ['/bin/sh', '-c', CRICTL_MERGED_SCRIPT, 'crictl', ...args];
}

export function crictlLogsCommand(containerId: string, tail: number, previous: boolean): NodeCommand {
  return {
    purpose: previous ? "read the container's previous log" : "read the container's log",
    argv: crictlLogsArgv(containerId, tail, { previous }),
    privileged: true,
    timeoutMs: 20_000,
  };
}

export function crictlFollowLogsCommand(containerId: string, tail: number): NodeCommand {
  return {
    purpose: "follow the container's log",
    argv: crictlLogsArgv(containerId, tail, { follow: true }),
    privileged: true,
  };
}

/** crictl's own stderr lines (logrus, TTY or not, §3.5), as opposed to the container's. */
const CRICTL_NOISE = /^(time="[^"]*" level=\w+ msg=|(WARN|ERRO|FATA|INFO|DEBU)\[\d+\] )/;

export function isCrictlNoise(line: string): boolean {
  return CRICTL_NOISE.test(line);
}

export function containerLogLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.filter((l) => !isCrictlNoise(l));
}

/** crictl's fatal message, when the output is only crictl's own complaint. */
export function crictlComplaint(text: string): string | null {
  const line = text.split('\n').find((l) => /level=(fatal|error)|^(FATA|ERRO)\[/.test(l));
  if (!line) return null;
  const msg = /msg="((?:[^"\\]|\\.)*)"/.exec(line);
  return msg?.[1] ? msg[1].replace(/\\"/g, '"') : line.replace(/^(FATA|ERRO)\[\d+\]\s*/, '');
}

/** Why `crictl logs` (crictlLogsCommand, stderr merged into stdout) read nothing, or null when it did. */
export function crictlLogsFailure(output: { stdout: Buffer; code: number | null }): string | null {
  if (output.code === 0) return null;
  const text = output.stdout.toString('utf8');
  return crictlComplaint(text) ?? (text.trim() || `crictl logs exited with ${output.code}`);
}
