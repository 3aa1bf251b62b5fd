/**
 * The API server's self-description, legacy discovery only (what every client since v1.0
 * understands; the aggregated v2 documents are an optimisation clients fall back from when the
 * server answers plain `application/json`, client-go discovery/aggregated_discovery.go):
 * - `/api`: metav1.APIVersions (the core group's versions),
 * - `/apis`: metav1.APIGroupList, empty (this server has no named groups),
 * - `/api/v1`: metav1.APIResourceList with pods, nodes and (read-only) namespaces, their verbs, short names
 *   (`po`, `no`) and categories (`all`), as kube-apiserver lists them,
 * - `/version`: version.Info of the kube-apiserver that runs (its image tag),
 * - `/openapi/v2`: an OpenAPI document without paths or definitions (OPENAPI_V2_PROTOBUF);
 *   `/openapi/v3` is not served.
 * Shapes: apimachinery/pkg/apis/meta/v1/types.go and apimachinery/pkg/version/types.go.
 */
import crypto from 'node:crypto';
import { KUBEADM_VERSION } from '../default-manifests';
import type { SimNodeState } from '../model';
import { imageTag } from '../engine/runtime/images';

/**
 * kubectl create/apply download OpenAPI before they send anything (to validate, and to learn
 * whether the server validates fields itself): /openapi/v3, and on a 404 /openapi/v2 as protobuf
 * (client-go discovery OpenAPISchema, gnostic openapi_v2.Document). Without either they stop with
 * "failed to download openapi". An empty protobuf message is a valid Document with no schemas:
 * kubectl then validates nothing itself, sends fieldValidation=Strict (which this server does not
 * enforce) and builds strategic merge patches from its compiled-in types. The media type is the
 * one kube-apiserver answers with (a dot where clients ask with `@`).
 */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

export function apiVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

export function apiGroupList(): unknown {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [] };
}

/** Only what this server answers: no deletecollection, no subresources. */
const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

export function coreV1Resources(): unknown {
  return {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [
      {
        name: 'namespaces',
        singularName: 'namespace',
        namespaced: false,
        kind: 'Namespace',
        verbs: ['get', 'list'],
        shortNames: ['ns'],
      },
      {
        name: 'nodes',
        singularName: 'node',
        namespaced: false,
        kind: 'Node',
        verbs: VERBS,
        shortNames: ['no'],
      },
      {
        name: 'pods',
        singularName: 'pod',
        namespaced: true,
        kind: 'Pod',
        verbs: VERBS,
        shortNames: ['po'],
        categories: ['all'],
      },
    ],
  };
}

/** The Go release each Kubernetes minor was built with [inf: from the release notes, approximately]. */
const GO_VERSION: Record<number, string> = {
  27: 'go1.20.14',
  28: 'go1.20.14',
  29: 'go1.21.13',
  30: 'go1.22.12',
  31: 'go1.22.12',
  32: 'go1.23.6',
  33: 'go1.24.2',
  34: 'go1.24.6',
};

/** The version of the kube-apiserver container that runs, else (a worker) the cluster's. */
export function serverVersion(state: SimNodeState | null): string {
  const apiserver = state?.containers.find(
    (c) => c.state === 'CONTAINER_RUNNING' && c.name === 'kube-apiserver',
  );
  const tag = apiserver ? imageTag(apiserver.imageSpec) : KUBEADM_VERSION;
  return /^v\d+\.\d+\.\d+/.test(tag) ? tag : KUBEADM_VERSION;
}

/** version.Info; gitCommit is a stand-in derived from the version. */
export function versionInfo(gitVersion: string): unknown {
  const [major, minor] = gitVersion.replace(/^v/, '').split('.');
  return {
    major: major ?? '1',
    minor: minor ?? '0',
    gitVersion,
    gitCommit: crypto.createHash('sha1').update(gitVersion).digest('hex'),
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: GO_VERSION[Number(minor)] ?? 'go1.24.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
