/**
 * The part of validation.ValidatePodCreate (pkg/apis/core/validation/validation.go) the kubelet's
 * file source runs on every static pod after defaulting (common.go tryDecodeSinglePod), in
 * upstream order so a multi-error message lists its errors as the kubelet does: object metadata,
 * volumes, containers (name, image, termination message policy, ports, env, mounts, pull policy,
 * resources), init containers, hostNetwork ports, restart and DNS policy, node selector, priority
 * class name, tolerations, projected service account tokens. Checks outside this list are not
 * made: a manifest failing only those is reported as accepted, which the verdict states.
 */
import { compareQuantity } from '../go-types/quantity';
import { QuantityValue, type Decoded, type DecodedObject } from '../go-types/typed-decode';
import { list, obj, str } from '../decode/pod-defaults';
import type { VersionRules } from '../kubelet-version';
import {
  duplicate,
  forbidden,
  invalid,
  notFound,
  notSupported,
  required,
  type FieldError,
} from './field-error';
import {
  isDns1123Label,
  isDns1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
} from './name-rules';

const TOTAL_ANNOTATION_SIZE = 256 * 1024;
const VOLUME_SOURCES = [
  'emptyDir',
  'hostPath',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'quobyte',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
];
const HOST_PATH_TYPES = [
  '',
  'DirectoryOrCreate',
  'Directory',
  'FileOrCreate',
  'File',
  'Socket',
  'CharDevice',
  'BlockDevice',
];

/** ValidatePodCreate's errors for a defaulted static pod (its name already `<name>-<node>`). */
export function validatePod(pod: DecodedObject, rules: VersionRules): FieldError[] {
  const errs: FieldError[] = [];
  validateObjectMeta(obj(pod.metadata), errs);
  const spec = obj(pod.spec);
  const volumes = validateVolumes(list(spec.volumes), errs);
  validateContainers(list(spec.containers), volumes, rules, errs);
  validateInitContainers(list(spec.initContainers), list(spec.containers), volumes, rules, errs);
  if (spec.hostNetwork === true) validateHostNetworkPorts(list(spec.containers), rules, errs);
  enumCheck('spec.restartPolicy', str(spec.restartPolicy), ['Always', 'OnFailure', 'Never'], errs);
  enumCheck(
    'spec.dnsPolicy',
    str(spec.dnsPolicy),
    ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
    errs,
  );
  validateLabels(obj(spec.nodeSelector), 'spec.nodeSelector', errs);
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName)
    for (const m of isDns1123Subdomain(spec.serviceAccountName))
      errs.push(invalid('spec.serviceAccountName', spec.serviceAccountName, m));
  if (typeof spec.activeDeadlineSeconds === 'number') {
    const v = spec.activeDeadlineSeconds;
    if (v < 1 || v > 2147483647)
      errs.push(invalid('spec.activeDeadlineSeconds', v, 'must be between 1 and 2147483647, inclusive'));
  }
  if (typeof spec.hostname === 'string' && spec.hostname)
    for (const m of isDns1123Label(spec.hostname)) errs.push(invalid('spec.hostname', spec.hostname, m));
  validateTolerations(list(spec.tolerations), errs);
  if (typeof spec.priorityClassName === 'string' && spec.priorityClassName)
    for (const m of isDns1123Subdomain(spec.priorityClassName))
      errs.push(invalid('spec.priorityClassName', spec.priorityClassName, m));
  // validatePodMetadataAndSpec: projected tokens need a service account.
  if (!spec.serviceAccountName) {
    list(spec.volumes).forEach((v, vi) => {
      list(obj(obj(v).projected).sources).forEach((s, si) => {
        if (obj(s).serviceAccountToken !== undefined)
          errs.push(
            forbidden(
              `spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`,
              'must not be specified when serviceAccountName is not set',
            ),
          );
      });
    });
  }
  if (list(spec.ephemeralContainers).length > 0)
    errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  return errs;
}

function enumCheck(field: string, value: string, valid: string[], errs: FieldError[]): void {
  if (value === '') errs.push(required(field));
  else if (!valid.includes(value)) errs.push(notSupported(field, value, valid));
}

function validateObjectMeta(meta: DecodedObject, errs: FieldError[]): void {
  const name = str(meta.name);
  if (name === '') errs.push(required('metadata.name', 'name or generateName is required'));
  else for (const m of isDns1123Subdomain(name)) errs.push(invalid('metadata.name', name, m));
  const namespace = str(meta.namespace);
  if (namespace === '') errs.push(required('metadata.namespace'));
  else for (const m of isDns1123Label(namespace)) errs.push(invalid('metadata.namespace', namespace, m));
  validateLabels(obj(meta.labels), 'metadata.labels', errs);
  const annotations = obj(meta.annotations);
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid('metadata.annotations', k, m));
    size += Buffer.byteLength(k) + Buffer.byteLength(str(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE)
    errs.push({
      type: 'Too long',
      field: 'metadata.annotations',
      detail: `must have at most ${TOTAL_ANNOTATION_SIZE} bytes`,
    });
}

function validateLabels(labels: DecodedObject, field: string, errs: FieldError[]): void {
  for (const [k, v] of Object.entries(labels)) {
    for (const m of isQualifiedName(k)) errs.push(invalid(field, k, m));
    for (const m of isValidLabelValue(str(v))) errs.push(invalid(field, str(v), m));
  }
}

/** ValidateVolumes: returns the names of the volumes that validated (mounts look them up). */
function validateVolumes(volumes: Decoded[], errs: FieldError[]): Map<string, DecodedObject> {
  const valid = new Map<string, DecodedObject>();
  const names = new Set<string>();
  volumes.forEach((raw, i) => {
    const v = obj(raw);
    const at = `spec.volumes[${i}]`;
    const el: FieldError[] = [];
    const sources = VOLUME_SOURCES.filter((s) => v[s] !== undefined && v[s] !== null);
    sources
      .slice(1)
      .forEach((s) => el.push(forbidden(`${at}.${s}`, 'may not specify more than 1 volume type')));
    if (sources.length === 0) el.push(required(at, 'must specify a volume type'));
    if (v.hostPath !== undefined && sources[0] === 'hostPath') {
      const hp = obj(v.hostPath);
      const path = str(hp.path);
      if (path === '') el.push(required(`${at}.hostPath.path`));
      else {
        if (path.split('/').includes('..'))
          el.push(invalid(`${at}.hostPath.path`, path, "must not contain '..'"));
        const type = str(hp.type);
        if (!HOST_PATH_TYPES.includes(type))
          el.push(notSupported(`${at}.hostPath.type`, type, HOST_PATH_TYPES));
      }
    }
    const name = str(v.name);
    if (name === '') el.push(required(`${at}.name`));
    else for (const m of isDns1123Label(name)) el.push(invalid(`${at}.name`, name, m));
    if (names.has(name)) el.push(duplicate(`${at}.name`, name));
    if (el.length === 0) {
      names.add(name);
      valid.set(name, v);
    } else errs.push(...el);
  });
  return valid;
}

function validateContainers(
  containers: Decoded[],
  volumes: Map<string, DecodedObject>,
  rules: VersionRules,
  errs: FieldError[],
): void {
  if (containers.length === 0) {
    errs.push(required('spec.containers'));
    return;
  }
  const names = new Set<string>();
  containers.forEach((raw, i) => {
    const c = obj(raw);
    const at = `spec.containers[${i}]`;
    validateContainerCommon(c, at, volumes, rules, errs);
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(`${at}.name`, name));
    else names.add(name);
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const)
      if (c[probe] !== undefined) validateProbe(obj(c[probe]), `${at}.${probe}`, errs);
    if (c.restartPolicy !== undefined)
      errs.push(forbidden(`${at}.restartPolicy`, 'may not be set for non-init containers'));
  });
  checkHostPortConflicts(containers, 'spec.containers', errs);
}

function validateInitContainers(
  inits: Decoded[],
  regular: Decoded[],
  volumes: Map<string, DecodedObject>,
  rules: VersionRules,
  errs: FieldError[],
): void {
  const names = new Set(regular.map((c) => str(obj(c).name)));
  inits.forEach((raw, i) => {
    const c = obj(raw);
    const at = `spec.initContainers[${i}]`;
    validateContainerCommon(c, at, volumes, rules, errs);
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(`${at}.name`, name));
    else if (name) names.add(name);
    checkHostPortConflicts([c], 'spec.initContainers', errs);
    if (c.restartPolicy !== 'Always') {
      for (const key of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const)
        if (c[key] !== undefined)
          errs.push(
            forbidden(`${at}.${key}`, 'may not be set for init containers without restartPolicy=Always'),
          );
    }
  });
}

function validateContainerCommon(
  c: DecodedObject,
  at: string,
  volumes: Map<string, DecodedObject>,
  rules: VersionRules,
  errs: FieldError[],
): void {
  const name = str(c.name);
  if (name === '') errs.push(required(`${at}.name`));
  else for (const m of isDns1123Label(name)) errs.push(invalid(`${at}.name`, name, m));
  if (str(c.image) === '') errs.push(required(`${at}.image`));
  const tmp = str(c.terminationMessagePolicy);
  if (tmp === '') errs.push(required(`${at}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError')
    errs.push(notSupported(`${at}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  validatePorts(list(c.ports), `${at}.ports`, errs);
  list(c.env).forEach((raw, i) => {
    const e = obj(raw);
    const envName = str(e.name);
    if (envName === '') errs.push(required(`${at}.env[${i}].name`));
    else
      for (const m of rules.strictEnvVarNames ? isEnvVarName(envName) : isRelaxedEnvVarName(envName))
        errs.push(invalid(`${at}.env[${i}].name`, envName, m));
  });
  const mountPaths = new Set<string>();
  list(c.volumeMounts).forEach((raw, i) => {
    const m = obj(raw);
    const mat = `${at}.volumeMounts[${i}]`;
    const mname = str(m.name);
    if (mname === '') errs.push(required(`${mat}.name`));
    if (!volumes.has(mname)) errs.push(notFound(`${mat}.name`, mname));
    const mountPath = str(m.mountPath);
    if (mountPath === '') errs.push(required(`${mat}.mountPath`));
    if (mountPaths.has(mountPath)) errs.push(invalid(`${mat}.mountPath`, mountPath, 'must be unique'));
    mountPaths.add(mountPath);
  });
  const policy = str(c.imagePullPolicy);
  if (policy === '') errs.push(required(`${at}.imagePullPolicy`));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(policy))
    errs.push(notSupported(`${at}.imagePullPolicy`, policy, ['Always', 'IfNotPresent', 'Never']));
  validateResources(obj(c.resources), `${at}.resources`, rules, errs);
}

function validatePorts(ports: Decoded[], at: string, errs: FieldError[]): void {
  const names = new Set<string>();
  ports.forEach((raw, i) => {
    const p = obj(raw);
    const pat = `${at}[${i}]`;
    const name = str(p.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) msgs.forEach((m) => errs.push(invalid(`${pat}.name`, name, m)));
      else if (names.has(name)) errs.push(duplicate(`${pat}.name`, name));
      else names.add(name);
    }
    const cp = typeof p.containerPort === 'number' ? p.containerPort : 0;
    if (cp === 0) errs.push(required(`${pat}.containerPort`));
    else for (const m of isValidPortNum(cp)) errs.push(invalid(`${pat}.containerPort`, cp, m));
    const hp = typeof p.hostPort === 'number' ? p.hostPort : 0;
    if (hp !== 0) for (const m of isValidPortNum(hp)) errs.push(invalid(`${pat}.hostPort`, hp, m));
    const protocol = str(p.protocol);
    if (protocol === '') errs.push(required(`${pat}.protocol`));
    else if (!['SCTP', 'TCP', 'UDP'].includes(protocol))
      errs.push(notSupported(`${pat}.protocol`, protocol, ['SCTP', 'TCP', 'UDP']));
  });
}

function validateResources(
  resources: DecodedObject,
  at: string,
  rules: VersionRules,
  errs: FieldError[],
): void {
  const limits = obj(resources.limits);
  const requests = obj(resources.requests);
  const nonNegative = (q: Decoded, field: string) => {
    if (q instanceof QuantityValue && q.quantity.mantissa < 0n)
      errs.push(invalid(field, q.quantity.text, 'must be greater than or equal to 0'));
  };
  for (const [name, q] of Object.entries(limits)) nonNegative(q, `${at}.limits[${name}]`);
  for (const [name, q] of Object.entries(requests)) {
    nonNegative(q, `${at}.requests[${name}]`);
    const limit = limits[name];
    if (
      q instanceof QuantityValue &&
      limit instanceof QuantityValue &&
      compareQuantity(q.quantity, limit.quantity) > 0
    ) {
      const detail = rules.requestLimitNamesLimit
        ? `must be less than or equal to ${name} limit of ${limit.quantity.text}`
        : `must be less than or equal to ${name} limit`;
      errs.push(invalid(`${at}.requests`, q.quantity.text, detail));
    }
  }
}

/** validateProbe: the handler (one of exec, httpGet, tcpSocket, grpc, sleep), then the counts. */
function validateProbe(probe: DecodedObject, at: string, errs: FieldError[]): void {
  let handlers = 0;
  for (const h of ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep']) {
    if (probe[h] === undefined || probe[h] === null) continue;
    if (handlers > 0) {
      errs.push(forbidden(`${at}.${h}`, 'may not specify more than 1 handler type'));
      continue;
    }
    handlers++;
    const handler = obj(probe[h]);
    if (h === 'httpGet' && str(handler.path) === '') errs.push(required(`${at}.httpGet.path`));
    if (h === 'httpGet' || h === 'tcpSocket') validatePortNumOrName(handler.port, `${at}.${h}.port`, errs);
  }
  if (handlers === 0) errs.push(required(at, 'must specify a handler type'));
  for (const key of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    const v = probe[key];
    if (typeof v === 'number' && v < 0)
      errs.push(invalid(`${at}.${key}`, v, 'must be greater than or equal to 0'));
  }
}

function validatePortNumOrName(port: Decoded | undefined, at: string, errs: FieldError[]): void {
  if (typeof port === 'number') for (const m of isValidPortNum(port)) errs.push(invalid(at, port, m));
  else if (typeof port === 'string') for (const m of isValidPortName(port)) errs.push(invalid(at, port, m));
  else for (const m of isValidPortNum(0)) errs.push(invalid(at, 0, m));
}

/** AccumulateUniqueHostPorts: "<protocol>/<hostIP>/<port>" must be unique across the list. */
function checkHostPortConflicts(containers: Decoded[], at: string, errs: FieldError[]): void {
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    list(obj(c).ports).forEach((raw, pi) => {
      const p = obj(raw);
      const port = typeof p.hostPort === 'number' ? p.hostPort : 0;
      if (port === 0) return;
      const key = `${str(p.protocol)}/${str(p.hostIP)}/${port}`;
      if (seen.has(key)) errs.push(duplicate(`${at}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
}

function validateHostNetworkPorts(containers: Decoded[], rules: VersionRules, errs: FieldError[]): void {
  containers.forEach((c, ci) => {
    list(obj(c).ports).forEach((raw, pi) => {
      const p = obj(raw);
      const hp = typeof p.hostPort === 'number' ? p.hostPort : 0;
      const cp = typeof p.containerPort === 'number' ? p.containerPort : 0;
      if (hp === cp) return;
      const at = `spec.containers[${ci}].ports[${pi}]`;
      errs.push(
        rules.hostNetworkPortOnHostPort
          ? invalid(`${at}.hostPort`, hp, 'must match `containerPort` when `hostNetwork` is true')
          : invalid(`${at}.containerPort`, cp, 'must match `hostPort` when `hostNetwork` is true'),
      );
    });
  });
}

/** ValidateTolerations. */
function validateTolerations(tolerations: Decoded[], errs: FieldError[]): void {
  tolerations.forEach((raw, i) => {
    const t = obj(raw);
    const at = `spec.tolerations[${i}]`;
    const key = str(t.key);
    const operator = str(t.operator);
    const effect = str(t.effect);
    if (key) for (const m of isQualifiedName(key)) errs.push(invalid(`${at}.key`, key, m));
    if (!key && operator !== 'Exists')
      errs.push(
        invalid(
          `${at}.operator`,
          operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute')
      errs.push(
        invalid(`${at}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"),
      );
    if (operator === 'Equal' || operator === '') {
      const msgs = isValidLabelValue(str(t.value));
      if (msgs.length > 0) errs.push(invalid(`${at}.operator`, str(t.value), msgs.join(';')));
    } else if (operator === 'Exists') {
      if (str(t.value) !== '')
        errs.push(
          invalid(
            `${at}.operator`,
            { goSyntax: '(a toleration)' },
            "value must be empty when `operator` is 'Exists'",
          ),
        );
    } else errs.push(notSupported(`${at}.operator`, operator, ['Equal', 'Exists']));
    if (effect !== '' && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect))
      errs.push(notSupported(`${at}.effect`, effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
  });
}
