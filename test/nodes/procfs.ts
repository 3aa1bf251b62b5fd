/**
 * Reading /proc from the host to find a node's processes. A node is a PID namespace, so
 * "every process of this node" is "every process whose /proc/<pid>/ns/pid is that namespace":
 * exact, with no name matching that could hit the host's own sshd or another node's.
 * Synchronous on purpose: the exit handler that stops nodes cannot await.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

export interface ProcInfo {
  /** Pid as the host sees it. */
  pid: number;
  /** Pid inside the node's namespace (1 for the node's init). */
  nsPid: number;
  ppid: number;
  /** Kernel command name (`ps -C` matches this), e.g. `sshd`, `kubelet`. */
  comm: string;
  /** argv joined with spaces, as `ps -o args=` shows it (sshd rewrites its own). */
  args: string;
  /** One-letter state from /proc/<pid>/stat: R, S, T (stopped), Z (zombie), … */
  state: string;
}

function readOr(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** `pid:[4026532xyz]`, or undefined when the process is gone. */
export function pidNamespaceOf(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    return undefined;
  }
}

export function procInfo(pid: number): ProcInfo | undefined {
  const stat = readOr(`/proc/${pid}/stat`);
  const status = readOr(`/proc/${pid}/status`);
  const cmdline = readOr(`/proc/${pid}/cmdline`);
  if (stat === undefined || status === undefined || cmdline === undefined) return undefined;
  // comm is in parentheses and may itself contain spaces or parentheses: split at the last ')'.
  const close = stat.lastIndexOf(')');
  const comm = stat.slice(stat.indexOf('(') + 1, close);
  const [state = '?', ppid = '0'] = stat.slice(close + 2).split(' ');
  const nsPids = /^NSpid:\s*(.*)$/m.exec(status)?.[1]?.trim().split(/\s+/) ?? [String(pid)];
  return {
    pid,
    nsPid: Number(nsPids[nsPids.length - 1]),
    ppid: Number(ppid),
    comm,
    args: cmdline.replace(/\0+$/, '').split('\0').join(' '),
    state,
  };
}

/** Alive means present and not a zombie: a zombie has exited, only its parent has not reaped it. */
export function isAlive(pid: number): boolean {
  const info = procInfo(pid);
  return info !== undefined && info.state !== 'Z' && info.state !== 'X';
}

export function childrenOf(pid: number): number[] {
  const text = readOr(`/proc/${pid}/task/${pid}/children`) ?? '';
  return text.split(/\s+/).filter(Boolean).map(Number);
}

/** Every live process in the given PID namespace (host view). */
export function processesInNamespace(namespace: string): ProcInfo[] {
  const result: ProcInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pidNamespaceOf(pid) !== namespace) continue;
    const info = procInfo(pid);
    if (info && info.state !== 'Z') result.push(info);
  }
  return result;
}

/** Sends a signal, ignoring "no such process" (the target may have exited meanwhile). */
export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
