/**
 * What the container runtime says about itself, from `crictl info` (read by
 * node/cri/crictl-runtime-info.ts, which knows each runtime's shape) and from its configuration
 * files:
 *
 * - containerd 1.x (config version 2): `[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
 *   SystemdCgroup`, `sandbox_image` in `[plugins."io.containerd.grpc.v1.cri"]`;
 *   containerd 2.x (version 3): `[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
 *   SystemdCgroup`, `[plugins.'io.containerd.cri.v1.images'.pinned_images] sandbox`;
 *   SystemdCgroup defaults to false [src: containerd docs/cri/config.md, v2.1];
 *   `crictl info` shows the 1.x config as JSON: `config.containerd.runtimes.<name>.options.SystemdCgroup`,
 *   `config.sandboxImage`, `config.cni.confDir`, `config.registry.configPath`
 *   [src: containerd pkg/cri/config/config.go json tags, v1.7];
 * - CRI-O: `[crio.runtime] cgroup_manager` (default "systemd") and `[crio.image] pause_image`
 *   in /etc/crio/crio.conf and the drop-ins of /etc/crio/crio.conf.d, later files winning
 *   [src: cri-o docs/crio.conf.5.md].
 */
import { parseCrictlInfo, type CrictlInfo } from '../cri/crictl-runtime-info';
import type { FileRecord } from '../doctor/file-records';
import { readTomlSubset, tomlGet, type TomlValues } from './toml-subset';

export type CgroupDriver = 'systemd' | 'cgroupfs';

export interface Sourced<T> {
  value: T;
  /** "crictl info: config.containerd.runtimes.runc.options.SystemdCgroup", "/etc/containerd/config.toml" … */
  from: string;
}

export interface RuntimeSettings {
  runtime: 'containerd' | 'cri-o' | null;
  cgroupDriver: Sourced<CgroupDriver> | null;
  sandboxImage: Sourced<string> | null;
  cniConfDir: Sourced<string> | null;
  registryConfigPath: Sourced<string> | null;
  /** NetworkReady false: the runtime's own reason and message. */
  networkNotReady: { reason: string; message: string } | null;
  /** What could not be read, in words. */
  problems: string[];
}

const rec = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

const CD1 = 'io.containerd.grpc.v1.cri';
const CD2_RUNTIME = 'io.containerd.cri.v1.runtime';
const CD2_IMAGES = 'io.containerd.cri.v1.images';

function fromCrictlInfo(info: CrictlInfo, out: RuntimeSettings): void {
  const config = info.config;
  out.runtime = info.runtime;
  if (info.runtime === 'cri-o') {
    // CRI-O ≥ 1.33: its RuntimeConfig, with Go's field names.
    const manager = rec(config.crio).CgroupManagerName;
    if (manager === 'systemd' || manager === 'cgroupfs')
      out.cgroupDriver = {
        value: manager,
        from: `crictl info: config.crio.CgroupManagerName = "${manager}"`,
      };
  }
  const containerd = rec(config.containerd);
  const runtimes = rec(containerd.runtimes);
  const name = typeof containerd.defaultRuntimeName === 'string' ? containerd.defaultRuntimeName : 'runc';
  const options = rec(rec(runtimes[name]).options);
  if (typeof options.SystemdCgroup === 'boolean') {
    out.cgroupDriver = {
      value: options.SystemdCgroup ? 'systemd' : 'cgroupfs',
      from: `crictl info: config.containerd.runtimes.${name}.options.SystemdCgroup = ${String(options.SystemdCgroup)}`,
    };
  }
  if (typeof config.sandboxImage === 'string' && config.sandboxImage)
    out.sandboxImage = { value: config.sandboxImage, from: 'crictl info: config.sandboxImage' };
  const pinned = rec(config.pinned_images ?? config.pinnedImages);
  if (!out.sandboxImage && typeof pinned.sandbox === 'string')
    out.sandboxImage = { value: pinned.sandbox, from: 'crictl info: config.pinned_images.sandbox' };
  const confDir = rec(config.cni).confDir;
  if (typeof confDir === 'string' && confDir)
    out.cniConfDir = { value: confDir, from: 'crictl info: config.cni.confDir' };
  const configPath = rec(config.registry).configPath;
  if (typeof configPath === 'string' && configPath)
    out.registryConfigPath = { value: configPath, from: 'crictl info: config.registry.configPath' };
  const network = info.conditions.find((c) => c.type === 'NetworkReady' && !c.status);
  if (network) out.networkNotReady = { reason: network.reason, message: network.message };
}

function fromContainerdToml(values: TomlValues, file: string, out: RuntimeSettings): void {
  const pick = <T>(
    paths: string[][],
    map: (v: unknown) => T | undefined,
  ): { value: T; key: string } | null => {
    for (const p of paths) {
      const v = map(tomlGet(values, p));
      if (v !== undefined) return { value: v, key: p.join('.') };
    }
    return null;
  };
  const version = tomlGet(values, ['version']);
  const systemd = pick(
    [
      ['plugins', CD2_RUNTIME, 'containerd', 'runtimes', 'runc', 'options', 'SystemdCgroup'],
      ['plugins', CD1, 'containerd', 'runtimes', 'runc', 'options', 'SystemdCgroup'],
    ],
    (v) => (typeof v === 'boolean' ? v : undefined),
  );
  if (!out.cgroupDriver) {
    out.cgroupDriver = systemd
      ? { value: systemd.value ? 'systemd' : 'cgroupfs', from: `${file}: SystemdCgroup = ${systemd.value}` }
      : {
          value: 'cgroupfs',
          from: `${file} (version ${String(version ?? '1')}) sets no SystemdCgroup for runc; containerd's default is false (cgroupfs)`,
        };
  }
  const sandbox = pick(
    [
      ['plugins', CD2_IMAGES, 'pinned_images', 'sandbox'],
      ['plugins', CD1, 'sandbox_image'],
    ],
    (v) => (typeof v === 'string' ? v : undefined),
  );
  if (!out.sandboxImage && sandbox)
    out.sandboxImage = { value: sandbox.value, from: `${file}: ${sandbox.key}` };
  out.runtime ??= 'containerd';
}

function fromCrio(files: FileRecord[], out: RuntimeSettings): void {
  let manager: Sourced<CgroupDriver> | null = null;
  let pause: Sourced<string> | null = null;
  for (const f of files) {
    const values = readTomlSubset(f.content);
    const m = tomlGet(values, ['crio', 'runtime', 'cgroup_manager']);
    if (m === 'systemd' || m === 'cgroupfs')
      manager = { value: m, from: `${f.path}: cgroup_manager = "${m}"` };
    const p = tomlGet(values, ['crio', 'image', 'pause_image']);
    if (typeof p === 'string') pause = { value: p, from: `${f.path}: pause_image` };
  }
  out.runtime = 'cri-o';
  out.cgroupDriver ??= manager ?? {
    value: 'systemd',
    from: "CRI-O's default cgroup_manager (systemd); no file sets it",
  };
  out.sandboxImage ??= pause;
}

export function readRuntimeSettings(infoText: string | null, configFiles: FileRecord[]): RuntimeSettings {
  const out: RuntimeSettings = {
    runtime: null,
    cgroupDriver: null,
    sandboxImage: null,
    cniConfDir: null,
    registryConfigPath: null,
    networkNotReady: null,
    problems: [],
  };
  if (infoText !== null) {
    const parsed = parseCrictlInfo(infoText);
    if (parsed.ok) fromCrictlInfo(parsed.info, out);
    else out.problems.push(`crictl info was not readable JSON: ${parsed.error}`);
  }
  const containerd = configFiles.find((f) => f.path.endsWith('/containerd/config.toml'));
  const crio = configFiles.filter((f) => f.path.includes('/crio/'));
  if (containerd && out.runtime !== 'cri-o')
    fromContainerdToml(readTomlSubset(containerd.content), containerd.path, out);
  else if (crio.length > 0 && out.runtime !== 'containerd') fromCrio(crio, out);
  return out;
}
