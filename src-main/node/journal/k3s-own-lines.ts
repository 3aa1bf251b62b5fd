/**
 * k3s runs the kubelet inside its own process: `k3s agent` (and `k3s server`) call the
 * kubelet's cobra command in a goroutine [src: k3s-io/k3s pkg/daemons/executor/embed.go,
 * Embedded.Kubelet: `kubelet.NewKubeletCommand(…)`, `go func() { logrus.Fatalf("kubelet exited:
 * %v", command.Execute()) }()`], so the unit's journal (identifier `k3s`, docs/distributions.md
 * "k3s") holds the kubelet's klog lines among k3s's own. k3s's own lines are logrus's text
 * format, which is what it prints when its output is not a terminal: `time="<RFC 3339>"
 * level=<level> msg=<message>` [src: sirupsen/logrus text_formatter.go]. Those are k3s's, except
 * the two it writes about the kubelet — `Running kubelet <args>` at start
 * [src: k3s pkg/daemons/agent/agent.go] and `kubelet exited: …` — which are kept. The embedded
 * components other than the kubelet (kube-proxy, and on a server the API server, scheduler and
 * controller manager) log klog lines too, so they cannot be told from the kubelet's by form.
 */

const LOGRUS_LINE = /^time="[^"]*" level=(?:trace|debug|info|warning|error|fatal|panic) msg=(.*)$/;
const ABOUT_THE_KUBELET = /^"?(?:Running kubelet |kubelet exited: )/;

/** A line in logrus's text format (k3s's, and other Go programs' that use logrus). */
export function isLogrusLine(line: string): boolean {
  return line.startsWith('time="') && LOGRUS_LINE.test(line);
}

/** True for a line k3s itself wrote (logrus), not the kubelet's nor one about the kubelet. */
export function isK3sOwnLine(line: string): boolean {
  const m = line.startsWith('time="') ? LOGRUS_LINE.exec(line) : null;
  return m !== null && !ABOUT_THE_KUBELET.test(m[1] as string);
}
