/**
 * "Will this boot?" — files named by flags and config values. A control-plane component reads
 * its certificates, kubeconfigs and policy files at the paths its flags name; inside the container
 * those paths exist only where a volume is mounted. A flag pointing at a path no volume mounts (or
 * at a host file that is not there) is the classic way to take an API server down. This module is
 * pure: it lists what to look at on the node and judges what was read there.
 */
import { list, obj, str } from '../../kubelet/decode/pod-defaults';
import type { DecodedObject } from '../../kubelet/go-types/typed-decode';
import type { BootFinding } from '../../contract/domain/boot-check';

export interface PathReference {
  container: string;
  /** `--tls-cert-file` or `env FOO`. */
  via: string;
  path: string;
  /** The flag's text as written, to find its line. */
  text: string;
  /** Named inside a config file rather than by a flag: the file and the field. */
  inConfig?: { file: string; field: string };
}

export type PathResolution =
  | { kind: 'host-path'; volume: string; mountPath: string; hostPath: string; type: string }
  | { kind: 'other-volume'; volume: string; mountPath: string; source: string }
  | { kind: 'unmounted'; mountPaths: string[] };

export type HostPathFact =
  { kind: 'file' | 'directory' | 'missing' | 'other' } | { kind: 'unknown'; reason: string };

/** Flags whose file is itself a config naming more files (its absolute-path values are checked too). */
export const CONFIG_FILE_FLAGS = new Set([
  '--config',
  '--kubeconfig',
  '--authentication-kubeconfig',
  '--authorization-kubeconfig',
  '--authentication-config',
  '--authorization-config',
  '--admission-control-config-file',
  '--egress-selector-config-file',
  '--encryption-provider-config',
  '--tracing-config-file',
]);

/** Flags that name something the component writes or creates: a missing target is not fatal. */
const OUTPUT_FLAGS = new Set([
  '--audit-log-path',
  '--log-file',
  '--cert-dir',
  '--data-dir',
  '--wal-dir',
  '--log-dir',
]);

function containersOf(pod: DecodedObject): DecodedObject[] {
  const spec = obj(pod.spec);
  return [...list(spec.initContainers), ...list(spec.containers)].map(obj);
}

/** Absolute paths in flag values (`--x=/p`, `--x /p`, comma lists) and env values. */
export function pathReferences(pod: DecodedObject): PathReference[] {
  const refs: PathReference[] = [];
  for (const c of containersOf(pod)) {
    const name = str(c.name);
    const argv = [...list(c.command), ...list(c.args)].map((a) => str(a));
    for (let i = 1; i < argv.length; i++) {
      const arg = argv[i];
      if (!arg.startsWith('-')) continue;
      const eq = arg.indexOf('=');
      const flag = eq >= 0 ? arg.slice(0, eq) : arg;
      const value = eq >= 0 ? arg.slice(eq + 1) : (argv[i + 1] ?? '');
      if (eq < 0 && (value.startsWith('-') || value === '')) continue;
      for (const part of value.split(',')) {
        if (part.startsWith('/') && !part.startsWith('//'))
          refs.push({ container: name, via: flag, path: part, text: eq >= 0 ? arg : `${arg} ${value}` });
      }
    }
    for (const e of list(c.env).map(obj)) {
      const value = str(e.value);
      if (value.startsWith('/'))
        refs.push({ container: name, via: `env ${str(e.name)}`, path: value, text: value });
    }
  }
  return refs;
}

/** Where `path` lands for `container`: the longest mount path containing it decides. */
export function resolveInContainer(pod: DecodedObject, container: string, path: string): PathResolution {
  const c = containersOf(pod).find((x) => str(x.name) === container);
  const volumes = new Map(list(obj(pod.spec).volumes).map((v) => [str(obj(v).name), obj(v)]));
  const mounts = list(c?.volumeMounts).map(obj);
  const covering = mounts
    .filter((m) => {
      const mp = str(m.mountPath).replace(/\/+$/, '') || '/';
      return path === mp || path.startsWith(mp === '/' ? '/' : `${mp}/`);
    })
    .sort((a, b) => str(b.mountPath).length - str(a.mountPath).length)[0];
  if (!covering) return { kind: 'unmounted', mountPaths: mounts.map((m) => str(m.mountPath)) };
  const volumeName = str(covering.name);
  const volume = volumes.get(volumeName) ?? {};
  const mountPath = str(covering.mountPath).replace(/\/+$/, '') || '/';
  const hostPath = obj(volume.hostPath);
  if (volume.hostPath !== undefined) {
    const rest = path.slice(mountPath === '/' ? 0 : mountPath.length);
    const subPath = str(covering.subPath);
    const base = str(hostPath.path).replace(/\/+$/, '') + (subPath ? `/${subPath}` : '');
    return {
      kind: 'host-path',
      volume: volumeName,
      mountPath,
      hostPath: (base + rest).replace(/\/{2,}/g, '/') || '/',
      type: str(hostPath.type),
    };
  }
  const source = Object.keys(volume).find((k) => k !== 'name') ?? 'unknown';
  return { kind: 'other-volume', volume: volumeName, mountPath, source };
}

/** Absolute paths among a config file's string values, with where they were found. */
export function configFilePaths(parsed: unknown, prefix = ''): Array<{ field: string; path: string }> {
  const out: Array<{ field: string; path: string }> = [];
  if (typeof parsed === 'string') {
    if (parsed.startsWith('/') && !parsed.includes('\n'))
      out.push({ field: prefix || '(value)', path: parsed });
  } else if (Array.isArray(parsed)) {
    parsed.forEach((v, i) => out.push(...configFilePaths(v, `${prefix}[${i}]`)));
  } else if (parsed && typeof parsed === 'object') {
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>))
      out.push(...configFilePaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return out;
}

function lineOf(manifest: string, text: string): number | null {
  const i = manifest.split('\n').findIndex((l) => l.includes(text));
  return i >= 0 ? i + 1 : null;
}

/**
 * One finding per path that will not be there, one `ok` summarising the rest; `facts` says what
 * `stat` found on the node for each host path (absent: it was not looked at).
 */
export function judgeHostPaths(
  pod: DecodedObject,
  refs: PathReference[],
  facts: Map<string, HostPathFact>,
  manifest: string,
): BootFinding[] {
  const findings: BootFinding[] = [];
  let checked = 0;
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    const key = `${ref.container}\0${ref.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const where = ref.inConfig
      ? `${ref.inConfig.field} in ${ref.inConfig.file}`
      : `${ref.via} of ${ref.container}`;
    const line = ref.inConfig ? null : lineOf(manifest, ref.text);
    const resolution = resolveInContainer(pod, ref.container, ref.path);
    if (resolution.kind === 'unmounted') {
      const output = OUTPUT_FLAGS.has(ref.via);
      findings.push({
        check: 'host-paths',
        status: output ? 'warning' : 'problem',
        title: `${where} names ${ref.path}, but no volume mounts it into ${ref.container}.`,
        detail: output
          ? 'The component writes there inside the container: what it writes is lost when the container is replaced, and is not on the node. Mount a hostPath volume there to keep it.'
          : 'Inside the container the path is looked up in the image, not on the node; add a hostPath volume and a volumeMount covering it.',
        evidence: [
          ref.inConfig ? `${ref.inConfig.file}: ${ref.inConfig.field}: ${ref.path}` : `manifest: ${ref.text}`,
          resolution.mountPaths.length > 0
            ? `mounted in ${ref.container}: ${resolution.mountPaths.join(', ')}`
            : `${ref.container} mounts no volume`,
        ],
        line,
      });
      continue;
    }
    if (resolution.kind === 'other-volume') {
      checked++;
      continue;
    }
    const fact = facts.get(resolution.hostPath);
    if (!fact) {
      unknown.push(resolution.hostPath);
      continue;
    }
    if (fact.kind === 'unknown') {
      unknown.push(`${resolution.hostPath} (${fact.reason})`);
      continue;
    }
    checked++;
    const evidence = [
      ref.inConfig ? `${ref.inConfig.file}: ${ref.inConfig.field}: ${ref.path}` : `manifest: ${ref.text}`,
      `volume ${resolution.volume}: hostPath ${resolution.hostPath}${resolution.type ? ` (type ${resolution.type})` : ''} mounted at ${resolution.mountPath}`,
      `on the node: ${resolution.hostPath} ${fact.kind === 'missing' ? 'does not exist' : `is a ${fact.kind}`}`,
    ];
    const output = OUTPUT_FLAGS.has(ref.via);
    const isRoot = resolution.mountPath === ref.path;
    const strict = ['File', 'Directory', 'Socket', 'CharDevice', 'BlockDevice'].includes(resolution.type);
    if (fact.kind === 'missing') {
      let status: BootFinding['status'] = output ? 'warning' : 'problem';
      let detail = output
        ? 'The component creates it when it first writes there.'
        : 'The container finds nothing at that path, so the component fails to read it.';
      if (isRoot && strict) {
        status = 'problem';
        detail = `The kubelet refuses to mount a hostPath of type ${resolution.type} that does not exist, so the pod does not start.`;
      } else if (isRoot && resolution.type === 'FileOrCreate') {
        detail = output
          ? 'The kubelet creates it empty, and the component writes it.'
          : 'The kubelet creates it as an empty file; a component expecting content there fails to start.';
      } else if (isRoot && resolution.type === 'DirectoryOrCreate') {
        status = output ? 'warning' : status;
        detail = 'The kubelet creates it as an empty directory.';
      } else if (isRoot) {
        detail =
          'With no hostPath type the kubelet does not check it, and the runtime cannot bind-mount a missing path: the container is not created.';
      }
      findings.push({
        check: 'host-paths',
        status,
        title: `${where} names ${ref.path}: ${resolution.hostPath} is not on the node.`,
        detail,
        evidence,
        line,
      });
    } else if (isRoot && mountPointMissingType(resolution.type, fact.kind)) {
      findings.push({
        check: 'host-paths',
        status: 'problem',
        title: `${resolution.hostPath} is a ${fact.kind}, but volume ${resolution.volume} wants type ${resolution.type}.`,
        detail: 'The kubelet refuses to mount it ("hostPath type check failed"), so the pod does not start.',
        evidence,
        line,
      });
    }
  }
  if (unknown.length > 0) {
    findings.push({
      check: 'host-paths',
      status: 'not-checked',
      title: `Could not check ${unknown.length} host path${unknown.length === 1 ? '' : 's'} on the node.`,
      detail: unknown.join('; '),
      evidence: [],
      line: null,
    });
  }
  if (!findings.some((f) => f.status === 'problem' || f.status === 'warning')) {
    findings.push({
      check: 'host-paths',
      status: unknown.length > 0 ? 'not-checked' : 'ok',
      title:
        refs.length === 0
          ? 'No flag or environment value names a file.'
          : `${checked} file${checked === 1 ? '' : 's'} named by flags ${checked === 1 ? 'is' : 'are'} mounted and present on the node.`,
      detail: null,
      evidence: [],
      line: null,
    });
  }
  return findings;
}

function mountPointMissingType(type: string, kind: string): boolean {
  return (type === 'File' && kind !== 'file') || (type === 'Directory' && kind !== 'directory');
}
