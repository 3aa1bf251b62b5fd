/**
 * Fields the API server defaults on every pod it stores (see the real mirror object,
 * fixtures/real/kubectl-mirror-pod-kube-scheduler-v1.29.yaml).
 */
import type { ApiPod } from '../../model';
import type { JsonObject } from '../../../kubelet/pod-object';

export function withApiDefaults(spec: JsonObject): ApiPod['spec'] {
  const containers = (Array.isArray(spec.containers) ? spec.containers : []).map((c) => ({
    imagePullPolicy: imagePullPolicy(String((c as JsonObject).image ?? '')),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    ...(c as JsonObject),
  }));
  const out: ApiPod['spec'] = {
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    ...spec,
    containers,
  };
  if (spec.priorityClassName === 'system-node-critical') out.priority = 2000001000;
  else if (spec.priorityClassName === 'system-cluster-critical') out.priority = 2000000000;
  else if (out.priority === undefined) out.priority = 0;
  return out;
}

function imagePullPolicy(image: string): string {
  const tag = image.includes('@') ? 'digest' : image.split('/').pop()?.split(':')[1];
  return !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
}
