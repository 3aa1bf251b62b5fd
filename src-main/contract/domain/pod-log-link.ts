/**
 * The Pods pane's link to a pod's kubelet log lines (issue 6 point 5): it dispatches a DOM event
 * on `window` whose detail is the Logs pane's own pod filter (log-filter.ts, issue 7): the pod as
 * klog names it, `pod="ns/name"`, its `podUID` (the static UID for static pods) and its manifest
 * path for lines such as "Could not process manifest file" (docs/kubelet.md §0, §1.3, §5.3).
 */
import type { LogPodFilter } from './log-filter';

export const POD_LOG_FILTER_EVENT = 'kubelet-studio:pod-log-filter';

export function podLogFilter(
  namespace: string,
  name: string,
  podUID: string | null,
  manifestPath: string | null,
): LogPodFilter {
  return {
    pod: `${namespace}/${name}`,
    ...(podUID ? { podUID } : {}),
    ...(manifestPath ? { manifestPath } : {}),
  };
}
