/**
 * Which crictl release the simulation emulates (env KUBELET_SIM_CRICTL_VERSION, default 1.32).
 * The version decides the table columns and the JSON serializer (docs/kubelet.md §3.2–§3.4).
 */
import type { ProtoJsonStyle } from './protojson';

export interface CrictlVersion {
  major: number;
  minor: number;
}

export const DEFAULT_CRICTL_VERSION: CrictlVersion = { major: 1, minor: 32 };

export function parseCrictlVersion(raw: string | undefined): CrictlVersion {
  const m = /^v?(\d+)\.(\d+)/.exec((raw ?? '').trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : DEFAULT_CRICTL_VERSION;
}

export const atLeast = (v: CrictlVersion, minor: number): boolean => v.major > 1 || v.minor >= minor;

export interface CrictlFeatures {
  /** `CONTAINER ID` in 2017–2019 outputs, `CONTAINER` since ~v1.19 (§3.2). */
  containerHeader: string;
  /** `POD ID` column in ps (PR #369, 2018). */
  podIdColumn: boolean;
  /** RUNTIME column in pods (PR #600, ~v1.19). */
  runtimeColumn: boolean;
  /** POD column in ps (PR #888, ~v1.24). */
  podColumn: boolean;
  /** NAMESPACE column in ps (PR #1633, v1.32). */
  namespaceColumn: boolean;
  /** jsonpb up to 1.30, protojson from 1.31 (cri-tools fa6f5ce0). */
  json: ProtoJsonStyle;
  /** ≥1.31 inspect output re-marshalled through Go maps: every key alphabetical, array for many IDs. */
  inspectAllSorted: boolean;
  /** ImageSpec.user_specified_image / runtime_handler exist in the vendored cri-api [inf: ≥1.28]. */
  imageSpecUserFields: boolean;
  /** ImageSpec.image_ref and Container.image_id [inf: cri-api of crictl ≥1.31]. */
  imageIdFields: boolean;
  /** ContainerStatus.stop_signal [inf: cri-api ≥1.33]. */
  stopSignalField: boolean;
}

export function crictlFeatures(
  v: CrictlVersion,
  env: Record<string, string | undefined> = {},
): CrictlFeatures {
  const protojson = atLeast(v, 31);
  return {
    containerHeader: atLeast(v, 19) ? 'CONTAINER' : 'CONTAINER ID',
    podIdColumn: atLeast(v, 11),
    runtimeColumn: atLeast(v, 19),
    podColumn: atLeast(v, 24),
    namespaceColumn: atLeast(v, 32),
    json: protojson
      ? { kind: 'protojson', doubleSpace: env.KUBELET_SIM_PROTOJSON_DOUBLE_SPACE === '1' }
      : { kind: 'jsonpb' },
    inspectAllSorted: protojson,
    imageSpecUserFields: atLeast(v, 28),
    imageIdFields: protojson,
    stopSignalField: atLeast(v, 33),
  };
}
