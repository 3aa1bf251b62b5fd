/**
 * `crictl info`, the one reader of its output: the CRI Status with verbose info, which crictl
 * prints as `{status, runtimeHandlers, features, <each info key parsed from its JSON string>}`
 * [src: cri-tools cmd/crictl/info.go, util.go outputStatusData]. The CRI part is the same for
 * every runtime: `status.conditions` (RuntimeReady, NetworkReady, and containerd 2.x's own
 * ContainerdHasNoDeprecationWarnings) and, since CRI v1.30, `runtimeHandlers`. The verbose
 * `config` is each runtime's own, and tells which runtime answered:
 *
 * - containerd 1.7 and 2.x: the CRI plugin's config as JSON, `config.containerd` with
 *   `defaultRuntimeName` and `runtimes.<name>.options` (the TOML options as written,
 *   `SystemdCgroup`), `config.cni.confDir`; 1.7 also `config.sandboxImage` and
 *   `config.registry.configPath` [src: containerd pkg/cri/config/config.go, v1.7]; 2.x moved
 *   images to their own plugin, so its info has neither [src: containerd
 *   internal/cri/server/status.go marshals c.config, internal/cri/config/config.go, v2.1];
 * - CRI-O: `config.sandboxImage` (its pause_image), and from v1.33 `config.crio`, its
 *   RuntimeConfig marshalled with Go's field names (`CgroupManagerName`, `DefaultRuntime`)
 *   [src: cri-o server/runtime_status.go createRuntimeInfo, pkg/config/config.go].
 */
import { arr, isObject, obj, str, type JsonObject } from '../api/tool-output/json-narrow';
import { parseBoundedJson } from '../doctor/bounded-json';

export interface RuntimeCondition {
  type: string;
  status: boolean;
  reason: string;
  message: string;
}

export interface CrictlInfo {
  /** Which runtime the verbose config shows: containerd's CRI config or CRI-O's; null when neither. */
  runtime: 'containerd' | 'cri-o' | null;
  conditions: RuntimeCondition[];
  /** The runtime handlers the runtime offers (`""` is the default one). */
  runtimeHandlers: string[];
  /** Conditions that are not true, in words: "NetworkReady: NetworkPluginNotReady (cni config uninitialized)". */
  notReady: string[];
  /** The runtime's verbose `config`, as crictl printed it (an empty object when absent). */
  config: JsonObject;
}

export type CrictlInfoRead = { ok: true; info: CrictlInfo } | { ok: false; error: string };

export function parseCrictlInfo(text: string): CrictlInfoRead {
  const parsed = parseBoundedJson(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  if (!isObject(parsed.value)) return { ok: false, error: 'not a JSON object' };
  const doc = parsed.value;
  const conditions = arr(obj(doc.status).conditions).map((c) => {
    const o = obj(c);
    return { type: str(o.type), status: o.status === true, reason: str(o.reason), message: str(o.message) };
  });
  const config = obj(doc.config);
  const runtime = isObject(config.containerd) ? 'containerd' : isObject(config.crio) ? 'cri-o' : null;
  return {
    ok: true,
    info: {
      runtime,
      conditions,
      runtimeHandlers: arr(doc.runtimeHandlers).map((h) => str(obj(h).name)),
      notReady: conditions
        .filter((c) => !c.status)
        .map((c) => `${c.type}: ${c.reason || 'not ready'}${c.message ? ` (${c.message})` : ''}`),
      config,
    },
  };
}
