/**
 * `crictl logs` output with crictl's own messages taken out and everything the container wrote
 * kept — including the container's own logrus lines (`time="…" level=info msg="…"`, as kube-vip,
 * containerd-shims and many Go programs print them), which look exactly like crictl's. So a
 * line is dropped only when it is crictl's, by its message (the logrus calls of
 * kubernetes-sigs/cri-tools cmd/crictl: the missing-config warning, the default-endpoint
 * warnings, connection and request debug lines, docs/kubelet.md §3.5), or, when crictl failed
 * (exit status not 0), the error and fatal lines it ends with (`logrus.Fatal(err)` or, on newer
 * crictl, `logrus.Error(err)` then exit 1).
 */

/** logfmt (`time="…" level=warning msg="…"`) or terminal (`WARN[0000] …`) form: level and message. */
function logrusLine(line: string): { level: string; message: string } | null {
  const logfmt = /^time="[^"]*" level=(\w+) msg="((?:[^"\\]|\\.)*)"/.exec(line);
  if (logfmt) return { level: logfmt[1] as string, message: (logfmt[2] as string).replace(/\\(.)/g, '$1') };
  // eslint-disable-next-line no-control-regex
  const tty = /^(?:\x1b\[\d+m)?(TRAC|DEBU|INFO|WARN|ERRO|FATA|PANI)(?:\x1b\[0m)?\[\d+\] ?(.*)$/.exec(line);
  if (tty) return { level: (tty[1] as string).toLowerCase(), message: (tty[2] as string).trim() };
  return null;
}

/** Messages only crictl itself prints around a logs/inspect call (cri-tools cmd/crictl, pkg/common). */
const CRICTL_MESSAGES: readonly RegExp[] = [
  /^Config "[^"]*" does not exist, trying next: /,
  /^runtime connect using default endpoints: /,
  /^Image connect using default endpoints: /,
  /^Note that performance maybe affected as each default connection attempt/,
  /^Connect using endpoint "[^"]*" with "[^"]*" timeout/,
  /^Connected successfully using endpoint: /,
  /^Connection attempt \d+(\/\d+)? failed: /,
  /^Using (runtime|image) connection timeout: /,
  /^Get (runtime|image) connection$/,
  /^(ContainerStatus|PodSandboxStatus|ListContainer|ListPodSandbox)(Request|Response): /,
  /^Container logs reopened$/,
];

export function isCrictlOwnLine(line: string): boolean {
  const parsed = logrusLine(line);
  return parsed !== null && CRICTL_MESSAGES.some((re) => re.test(parsed.message));
}

/**
 * The container's lines of a `crictl logs … 2>&1` output. `exitCode` is crictl's status: when
 * it failed, its trailing error/fatal lines are its own complaint, not the container's.
 */
export function containerOwnLines(text: string, exitCode: number | null): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const kept = lines.filter((l) => !isCrictlOwnLine(l.replace(/\r$/, '')));
  if (exitCode !== null && exitCode !== 0) {
    while (kept.length > 0) {
      const last = logrusLine(kept.at(-1) as string);
      if (!last || !['error', 'fatal', 'erro', 'fata'].includes(last.level)) break;
      kept.pop();
    }
  }
  return kept;
}

/** crictl's complaint when it failed: the message of its last error/fatal line. */
export function crictlFailureMessage(text: string): string | null {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  for (let i = lines.length - 1; i >= 0; i--) {
    const parsed = logrusLine(lines[i] as string);
    if (parsed && ['error', 'fatal', 'erro', 'fata'].includes(parsed.level)) return parsed.message;
  }
  return null;
}
