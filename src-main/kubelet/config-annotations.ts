/**
 * The annotations the kubelet manages on a static pod and its mirror (docs/kubelet.md §1.5,
 * §2.1; pkg/kubelet/types/pod_update.go): config.hash (the static pod's UID), config.source
 * (`file` for the manifest directory), config.seen, and config.mirror on the mirror pod.
 */
export const ANNOTATION_CONFIG_HASH = 'kubernetes.io/config.hash';
export const ANNOTATION_CONFIG_MIRROR = 'kubernetes.io/config.mirror';
export const ANNOTATION_CONFIG_SOURCE = 'kubernetes.io/config.source';
export const ANNOTATION_CONFIG_SEEN = 'kubernetes.io/config.seen';
