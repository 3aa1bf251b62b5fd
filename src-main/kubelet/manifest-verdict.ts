/**
 * What the kubelet's file source does with one manifest file (pkg/kubelet/config/file.go
 * extractFromFile → common.go tryDecodeSinglePod), for a given kubelet version:
 *
 * 1. read at most 10 MiB: a file of 10 MiB or more fails with "the read limit is reached"
 *    (maxConfigLength, k8s.io/utils io.ReadAtMost);
 * 2. ToJSON: a buffer starting with "{" is JSON already, anything else goes through YAMLToJSON
 *    (go-yaml v2, YAML 1.1, first document only);
 * 3. the universal decoder: apiVersion/kind, then a non-strict typed decode into v1.Pod and the
 *    v1 defaults; anything but a Pod is refused;
 * 4. no name → "invalid pod: name is needed for the pod" (1.29+);
 * 5. applyDefaults: UID (kept from the manifest, else derived), name `<name>-<node lower-cased>`,
 *    namespace "default", nodeName, the config.hash annotation, a NoExecute toleration;
 * 6. ValidatePodCreate → "invalid pod: [errors]";
 * 7. static-pod restrictions (API references, by version).
 *
 * Errors of steps 2–3 are wrapped "<path>: couldn't parse as pod(<err>), please check config file";
 * the others are returned as they are (extractFromFile's `parsed` flag).
 */
import { checkKind } from './decode/kind-check';
import { defaultPod, obj, str } from './decode/pod-defaults';
import { parseGoJson } from './go-json/json-parse';
import { POD_GO_TYPES } from './go-types/pod-go-types';
import { tableMinor } from './go-types/go-type-table';
import { decodeTyped, type DecodedObject } from './go-types/typed-decode';
import { yamlToJson } from './go-yaml/yaml-to-json';
import { describeVersion, rulesFor, type KubeletVersion } from './kubelet-version';
import { canonicalJson, staticPodUid } from './static-pod-uid';
import { apiObjectReference, legacyStaticPodRefusal } from './validation/api-references';
import { formatInvalidPod } from './validation/field-error';
import { validatePod } from './validation/validate-pod';

/** pkg/kubelet/config/common.go maxConfigLength: 10 MiB; ReadAtMost fails once it is reached. */
export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;
export const READ_LIMIT_ERROR = 'the read limit is reached';

export const CONFIG_HASH_ANNOTATION = 'kubernetes.io/config.hash';

export type RejectionStage = 'read' | 'yaml' | 'kind' | 'decode' | 'validation' | 'static-pod';

export interface StaticPodIdentity {
  /** `<metadata.name>-<node name lower-cased>` */
  name: string;
  namespace: string;
  /** `namespace/name`: the file source's store key (the file read last wins on a clash). */
  key: string;
  /** The manifest's metadata.uid when it sets one (then it is the kubelet's UID too). */
  manifestUid: string | null;
  /**
   * The UID this model derives when the manifest sets none: a stand-in with the kubelet's
   * properties (same bytes+node+path → same UID), NOT the kubelet's value, which hashes a Go
   * deep-print of its internal Pod type (common.go applyDefaults).
   */
  derivedUid: string;
}

export type ManifestVerdict =
  | {
      accepted: true;
      version: KubeletVersion;
      path: string;
      nodeName: string;
      pod: StaticPodIdentity;
      /** The pod as the kubelet holds it: decoded, defaulted, applyDefaults done. */
      object: DecodedObject;
      /** Things that do not stop the pod but the user should know (by version). */
      notes: string[];
    }
  | {
      accepted: false;
      version: KubeletVersion;
      path: string;
      nodeName: string;
      stage: RejectionStage;
      /** The error the kubelet logs in `"Could not process manifest file" err="…"`. */
      error: string;
      /** True when the wording is this model's approximation, not a known kubelet message. */
      approximate: boolean;
    };

export interface ManifestInput {
  bytes: Uint8Array;
  /** The manifest's path on the node: the kubelet quotes it and hashes it into the UID. */
  path: string;
  nodeName: string;
  version: KubeletVersion;
}

/** `strings.ToLower(nodeName)` suffix (common.go generatePodName). */
export function staticPodName(name: string, nodeName: string): string {
  return `${name}-${nodeName.toLowerCase()}`;
}

/** extractFromDir's glob `[^.]*`: names starting with "." are never read. */
export function isReadByFileSource(fileName: string): boolean {
  return fileName.length > 0 && !fileName.startsWith('.');
}

/** unicode.IsSpace for the bytes ToJSON trims before looking for "{". */
function startsWithBrace(text: string): boolean {
  return /^[\s\u0085\u00a0]*\{/.test(text);
}

export function judgeManifest(input: ManifestInput): ManifestVerdict {
  const { bytes, path, nodeName, version } = input;
  const rules = rulesFor(version);
  const base = { accepted: false as const, version, path, nodeName };
  const wrap = (inner: string) => `${path}: couldn't parse as pod(${inner}), please check config file`;
  if (bytes.length >= MAX_MANIFEST_BYTES)
    return { ...base, stage: 'read', error: READ_LIMIT_ERROR, approximate: false };

  // ToJSON: JSON passes through as bytes (invalid UTF-8 becomes U+FFFD in Go's JSON strings).
  const asText = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  let json: string;
  if (startsWithBrace(asText)) json = asText;
  else {
    const converted = yamlToJson(bytes, { capitalisedMapKeyError: rules.capitalisedMapKeyError });
    if (!converted.ok)
      return { ...base, stage: 'yaml', error: wrap(converted.error), approximate: converted.approximate };
    json = converted.json;
  }
  const parsed = parseGoJson(json);
  if (!parsed.ok)
    return {
      ...base,
      stage: 'kind',
      error: wrap(`couldn't get version/kind; json parse error: ${parsed.error}`),
      approximate: false,
    };
  const kind = checkKind(parsed.node, json);
  if (!kind.ok)
    return { ...base, stage: 'kind', error: wrap(kind.error), approximate: kind.dumpsObject === true };
  const typed = decodeTyped(parsed.node, 'core.Pod', POD_GO_TYPES, tableMinor(POD_GO_TYPES, rules.minor));
  if (!typed.ok) return { ...base, stage: 'decode', error: wrap(typed.error), approximate: false };

  const decoded = defaultPod(typed.value);
  const meta = obj(decoded.metadata);
  const name = str(meta.name);
  if (name === '' && rules.nameNeededCheck)
    return {
      ...base,
      stage: 'validation',
      error: 'invalid pod: name is needed for the pod',
      approximate: false,
    };

  // applyDefaults
  const manifestUid = str(meta.uid) || null;
  // Quantities print as their canonical text, as they would in any JSON form of the pod.
  const derivedUid = staticPodUid(canonicalJson(JSON.parse(JSON.stringify(decoded))), nodeName, path);
  const uid = manifestUid ?? derivedUid;
  const podName = staticPodName(name, nodeName);
  const namespace = str(meta.namespace) || 'default';
  const spec = obj(decoded.spec);
  const object: DecodedObject = {
    ...decoded,
    metadata: {
      ...meta,
      uid,
      name: podName,
      namespace,
      annotations: { ...obj(meta.annotations), [CONFIG_HASH_ANNOTATION]: uid },
    },
    spec: {
      ...spec,
      nodeName,
      tolerations: [
        ...(Array.isArray(spec.tolerations) ? spec.tolerations : []),
        { operator: 'Exists', effect: 'NoExecute' },
      ],
    },
    status: { phase: 'Pending' },
  };

  const errors = validatePod(object, rules);
  if (errors.length > 0)
    return { ...base, stage: 'validation', error: formatInvalidPod(errors), approximate: false };

  const notes: string[] = [];
  const reference = apiObjectReference(object);
  if (rules.preventApiReferences) {
    if (reference)
      return {
        ...base,
        stage: 'static-pod',
        error: `static pods may not reference ${reference}`,
        approximate: false,
      };
  } else {
    const refusal = legacyStaticPodRefusal(object);
    if (refusal) return { ...base, stage: 'static-pod', error: refusal, approximate: false };
    if (reference)
      notes.push(
        `The pod references ${reference.split(' ')[0]}: ${describeVersion(version)} runs it, but the API server refuses its mirror pod ("a mirror pod may not reference …"), so kubectl will not show it; from kubelet 1.34 the file source refuses the file ("static pods may not reference ${reference}").`,
      );
  }
  return {
    accepted: true,
    version,
    path,
    nodeName,
    pod: { name: podName, namespace, key: `${namespace}/${podName}`, manifestUid, derivedUid },
    object,
    notes,
  };
}

/** The kubelet's structured log line for a refused file (file.go extractFromDir, klog). */
export function couldNotProcessMessage(error: string, path: string): string {
  return `"Could not process manifest file" err=${JSON.stringify(error)} path=${JSON.stringify(path)}`;
}
