/**
 * The flag sets of the control-plane binaries kubeadm runs as static pods (v1.32 for the
 * Kubernetes components, etcd 3.5): the simulated binaries fail on a mistyped flag the way the
 * real ones do (docs/kubelet.md §3.1: `Error: unknown flag: --this-is-very-wrong`), and a cause
 * names the known flag nearest to the one a real component exited on.
 * Global flags shared by all Kubernetes components (logging, feature gates) are listed once.
 */

const COMMON_K8S = `
add-dir-header alsologtostderr log-backtrace-at log-dir log-file log-file-max-size log-flush-frequency
log-json-info-buffer-size log-json-split-stream log-text-info-buffer-size log-text-split-stream logging-format
logtostderr one-output skip-headers skip-log-headers stderrthreshold v vmodule help h version feature-gates
emulated-version
`;

const SECURE_SERVING = `
bind-address cert-dir http2-max-streams-per-connection permit-address-sharing permit-port-sharing secure-port
tls-cert-file tls-cipher-suites tls-min-version tls-private-key-file tls-sni-cert-key
`;

const DELEGATED_AUTH = `
authentication-kubeconfig authentication-skip-lookup authentication-token-webhook-cache-ttl authentication-tolerate-lookup-failure
client-ca-file requestheader-allowed-names requestheader-client-ca-file requestheader-extra-headers-prefix
requestheader-group-headers requestheader-username-headers requestheader-uid-headers
authorization-always-allow-paths authorization-kubeconfig authorization-webhook-cache-authorized-ttl
authorization-webhook-cache-unauthorized-ttl
`;

const LEADER_ELECTION = `
leader-elect leader-elect-lease-duration leader-elect-renew-deadline leader-elect-resource-lock
leader-elect-resource-name leader-elect-resource-namespace leader-elect-retry-period
`;

const KUBE_APISERVER = `
advertise-address allow-metric-labels allow-metric-labels-manifest allow-privileged anonymous-auth
api-audiences audit-log-batch-buffer-size audit-log-batch-max-size audit-log-batch-max-wait
audit-log-batch-throttle-burst audit-log-batch-throttle-enable audit-log-batch-throttle-qps audit-log-compress
audit-log-format audit-log-maxage audit-log-maxbackup audit-log-maxsize audit-log-mode audit-log-path
audit-log-truncate-enabled audit-log-truncate-max-batch-size audit-log-truncate-max-event-size audit-log-version
audit-policy-file audit-webhook-batch-buffer-size audit-webhook-batch-initial-backoff audit-webhook-batch-max-size
audit-webhook-batch-max-wait audit-webhook-batch-throttle-burst audit-webhook-batch-throttle-enable
audit-webhook-batch-throttle-qps audit-webhook-config-file audit-webhook-initial-backoff audit-webhook-mode
audit-webhook-truncate-enabled audit-webhook-truncate-max-batch-size audit-webhook-truncate-max-event-size
audit-webhook-version authentication-config authentication-token-webhook-cache-ttl authentication-token-webhook-config-file
authentication-token-webhook-version authorization-config authorization-mode authorization-policy-file
authorization-webhook-cache-authorized-ttl authorization-webhook-cache-unauthorized-ttl authorization-webhook-config-file
authorization-webhook-version client-ca-file contention-profiling cors-allowed-origins debug-socket-path
default-not-ready-toleration-seconds default-unreachable-toleration-seconds default-watch-cache-size
delete-collection-workers disable-admission-plugins disable-http2-serving disabled-metrics egress-selector-config-file
enable-admission-plugins enable-aggregator-routing enable-bootstrap-token-auth enable-garbage-collector
enable-logs-handler enable-priority-and-fairness encryption-provider-config encryption-provider-config-automatic-reload
endpoint-reconciler-type etcd-cafile etcd-certfile etcd-compaction-interval etcd-count-metric-poll-period
etcd-db-metric-poll-interval etcd-healthcheck-timeout etcd-keyfile etcd-prefix etcd-readycheck-timeout etcd-servers
etcd-servers-overrides event-ttl external-hostname goaway-chance kubelet-certificate-authority
kubelet-client-certificate kubelet-client-key kubelet-port kubelet-preferred-address-types kubelet-read-only-port
kubelet-timeout kubernetes-service-node-port lease-reuse-duration-seconds livez-grace-period max-connection-bytes-per-sec
max-mutating-requests-inflight max-requests-inflight min-request-timeout oidc-ca-file oidc-client-id oidc-groups-claim
oidc-groups-prefix oidc-issuer-url oidc-required-claim oidc-signing-algs oidc-username-claim oidc-username-prefix
peer-advertise-ip peer-advertise-port peer-ca-file permit-address-sharing permit-port-sharing profiling
proxy-client-cert-file proxy-client-key-file request-timeout requestheader-allowed-names requestheader-client-ca-file
requestheader-extra-headers-prefix requestheader-group-headers requestheader-username-headers requestheader-uid-headers
runtime-config secure-port service-account-extend-token-expiration service-account-issuer service-account-jwks-uri
service-account-key-file service-account-lookup service-account-max-token-expiration service-account-signing-endpoint
service-account-signing-key-file service-cluster-ip-range service-node-port-range show-hidden-metrics-for-version
shutdown-delay-duration shutdown-send-retry-after shutdown-watch-termination-grace-period storage-backend
storage-initialization-timeout storage-media-type strict-transport-security-directives token-auth-file
tracing-config-file watch-cache watch-cache-sizes admission-control admission-control-config-file
aggregator-reject-forwarding-redirect cloud-config cloud-provider-gce-l7lb-src-cidrs cloud-provider-gce-lb-src-cidrs
cloud-provider kubelet-https insecure-port
`;

const KUBE_CONTROLLER_MANAGER = `
allocate-node-cidrs allow-untagged-cloud attach-detach-reconcile-sync-period cidr-allocator-type cloud-config
cloud-provider cluster-cidr cluster-name cluster-signing-cert-file cluster-signing-duration cluster-signing-key-file
cluster-signing-kube-apiserver-client-cert-file cluster-signing-kube-apiserver-client-key-file
cluster-signing-kubelet-client-cert-file cluster-signing-kubelet-client-key-file cluster-signing-kubelet-serving-cert-file
cluster-signing-kubelet-serving-key-file cluster-signing-legacy-unknown-cert-file cluster-signing-legacy-unknown-key-file
concurrent-cron-job-syncs concurrent-deployment-syncs concurrent-endpoint-syncs concurrent-ephemeralvolume-syncs
concurrent-gc-syncs concurrent-horizontal-pod-autoscaler-syncs concurrent-job-syncs concurrent-namespace-syncs
concurrent-rc-syncs concurrent-replicaset-syncs concurrent-resource-quota-syncs concurrent-service-endpoint-syncs
concurrent-service-syncs concurrent-serviceaccount-token-syncs concurrent-statefulset-syncs concurrent-ttl-after-finished-syncs
concurrent-validating-admission-policy-status-syncs configure-cloud-routes contention-profiling controller-start-interval
controllers disable-attach-detach-reconcile-sync disabled-metrics enable-dynamic-provisioning enable-garbage-collector
enable-hostpath-provisioner enable-leader-migration endpoint-updates-batch-period endpointslice-updates-batch-period
external-cloud-volume-plugin flex-volume-plugin-dir horizontal-pod-autoscaler-cpu-initialization-period
horizontal-pod-autoscaler-downscale-stabilization horizontal-pod-autoscaler-initial-readiness-delay
horizontal-pod-autoscaler-sync-period horizontal-pod-autoscaler-tolerance kube-api-burst kube-api-content-type kube-api-qps
kubeconfig large-cluster-size-threshold leader-migration-config legacy-service-account-token-clean-up-period master
max-endpoints-per-slice min-resync-period mirroring-concurrent-service-endpoint-syncs mirroring-endpointslice-updates-batch-period
mirroring-max-endpoints-per-subset namespace-sync-period node-cidr-mask-size node-cidr-mask-size-ipv4 node-cidr-mask-size-ipv6
node-eviction-rate node-monitor-grace-period node-monitor-period node-startup-grace-period profiling
pv-recycler-increment-timeout-nfs pv-recycler-minimum-timeout-hostpath pv-recycler-minimum-timeout-nfs
pv-recycler-pod-template-filepath-hostpath pv-recycler-pod-template-filepath-nfs pv-recycler-timeout-increment-hostpath
pvclaimbinder-sync-period resource-quota-sync-period root-ca-file route-reconciliation-period secondary-node-eviction-rate
service-account-private-key-file service-cluster-ip-range show-hidden-metrics-for-version terminated-pod-gc-threshold
unhealthy-zone-threshold use-service-account-credentials allow-metric-labels allow-metric-labels-manifest
`;

const KUBE_SCHEDULER = `
config write-config-to kubeconfig master contention-profiling profiling kube-api-burst kube-api-content-type kube-api-qps
pod-max-in-unschedulable-pods-duration show-hidden-metrics-for-version allow-metric-labels allow-metric-labels-manifest
disabled-metrics lock-object-name lock-object-namespace
`;

const KUBE_PROXY = `
bind-address bind-address-hard-fail cleanup cluster-cidr config config-sync-period conntrack-max-per-core conntrack-min
conntrack-tcp-be-liberal conntrack-tcp-timeout-close-wait conntrack-tcp-timeout-established conntrack-udp-timeout
conntrack-udp-timeout-stream detect-local-mode healthz-bind-address hostname-override init-only iptables-localhost-nodeports
iptables-masquerade-bit iptables-min-sync-period iptables-sync-period ipvs-exclude-cidrs ipvs-min-sync-period ipvs-scheduler
ipvs-strict-arp ipvs-sync-period ipvs-tcp-timeout ipvs-tcpfin-timeout ipvs-udp-timeout kube-api-burst kube-api-content-type
kube-api-qps kubeconfig masquerade-all master metrics-bind-address mode nodeport-addresses oom-score-adj pod-bridge-interface
pod-interface-name-prefix profiling proxy-mode proxy-port-range show-hidden-metrics-for-version write-config-to
`;

/** etcd 3.5 (Go `flag` package: `-name` and `--name` both accepted). */
const ETCD = `
name data-dir wal-dir snapshot-count heartbeat-interval election-timeout initial-election-tick-advance
listen-peer-urls listen-client-urls listen-client-http-urls max-snapshots max-wals quota-backend-bytes
backend-bbolt-freelist-type backend-batch-interval backend-batch-limit max-txn-ops max-request-bytes
max-concurrent-streams grpc-keepalive-min-time grpc-keepalive-interval grpc-keepalive-timeout socket-reuse-port
socket-reuse-address unsafe-no-fsync initial-advertise-peer-urls initial-cluster initial-cluster-state
initial-cluster-token advertise-client-urls discovery discovery-fallback discovery-proxy discovery-srv discovery-srv-name
strict-reconfig-check pre-vote auto-compaction-retention auto-compaction-mode enable-v2 v2-deprecation
cert-file key-file client-cert-auth client-crl-file client-cert-allowed-hostname trusted-ca-file auto-tls
peer-cert-file peer-key-file peer-client-cert-auth peer-crl-file peer-trusted-ca-file peer-auto-tls
peer-cert-allowed-cn peer-cert-allowed-hostname self-signed-cert-validity cipher-suites cors host-whitelist
tls-min-version tls-max-version logger log-outputs log-level log-format enable-log-rotation log-rotation-config-json
enable-pprof metrics listen-metrics-urls force-new-cluster auth-token bcrypt-cost auth-token-ttl
experimental-initial-corrupt-check experimental-corrupt-check-time experimental-compact-hash-check-enabled
experimental-compact-hash-check-time experimental-enable-v2v3 experimental-enable-lease-checkpoint
experimental-enable-lease-checkpoint-persist experimental-compaction-batch-limit experimental-compaction-sleep-interval
experimental-peer-skip-client-san-verification experimental-watch-progress-notify-interval
experimental-warning-apply-duration experimental-bootstrap-defrag-threshold-megabytes experimental-memory-mlock
experimental-txn-mode-write-with-shared-buffer experimental-warning-unary-request-duration
experimental-max-learners experimental-stop-grpc-service-on-defrag experimental-distributed-tracing-address
experimental-distributed-tracing-instance-id experimental-distributed-tracing-sampling-rate
experimental-distributed-tracing-service-name experimental-enable-distributed-tracing
experimental-downgrade-check-time unsafe-no-fsync config-file version help
`;

const words = (...blocks: string[]) => new Set(blocks.join(' ').split(/\s+/).filter(Boolean));

export type ControlPlaneComponent =
  'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kube-proxy' | 'etcd';

export const COMPONENT_FLAGS: Record<ControlPlaneComponent, ReadonlySet<string>> = {
  'kube-apiserver': words(COMMON_K8S, SECURE_SERVING, KUBE_APISERVER),
  'kube-controller-manager': words(
    COMMON_K8S,
    SECURE_SERVING,
    DELEGATED_AUTH,
    LEADER_ELECTION,
    KUBE_CONTROLLER_MANAGER,
  ),
  'kube-scheduler': words(COMMON_K8S, SECURE_SERVING, DELEGATED_AUTH, LEADER_ELECTION, KUBE_SCHEDULER),
  'kube-proxy': words(COMMON_K8S, KUBE_PROXY),
  etcd: words(ETCD),
};

export function isControlPlaneComponent(name: string): name is ControlPlaneComponent {
  return Object.prototype.hasOwnProperty.call(COMPONENT_FLAGS, name);
}

/** The first argument that is not a known flag of `component`, as written (e.g. `--this-is-very-wrong`). */
export function firstUnknownFlag(
  component: ControlPlaneComponent,
  args: readonly string[],
): string | undefined {
  const known = COMPONENT_FLAGS[component];
  for (const arg of args) {
    if (!arg.startsWith('-')) continue;
    const name = arg.replace(/^--?/, '').split('=')[0];
    if (name === '') continue;
    if (!known.has(name)) return arg.split('=')[0];
  }
  return undefined;
}
