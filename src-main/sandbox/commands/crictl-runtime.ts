/**
 * The simulated runtime's own answers (docs/doctor.md "Simulation"): `crictl info` as containerd
 * 1.7 gives it through crictl (Status with verbose info; crictl re-marshals every part, so all
 * keys are sorted, indented by two spaces [src: cri-tools cmd/crictl/util.go outputStatusData;
 * containerd pkg/cri/server/status.go]); `crictl images -o json`; `crictl imagefsinfo`; `crictl
 * rmi`; `crictl exec` (etcdctl in the etcd container only). The runtime's configuration is
 * `<root>/etc/containerd/config.toml` (SystemdCgroup of runc, sandbox_image), read on every
 * call; containerd itself reads it at its start. CNI readiness follows `<root>/etc/cni/net.d`
 * as the engine's node does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CrictlError } from './crictl-errors';
import type { CrictlContext } from './crictl-context';
import { runEtcdctl } from './etcdctl';
import { optValue, type ParsedArgs } from './args';
import { protoJsonStringify, msg } from './protojson';

export const SIM_CONTAINERD_CONFIG = 'etc/containerd/config.toml';
export const SIM_IMAGE_FS = 'var/lib/containerd/io.containerd.snapshotter.v1.overlayfs';
const REMOVED_IMAGES = 'var/lib/containerd/sim-removed-images.json';
/** containerd 1.7's default sandbox_image [src: containerd pkg/cri/config/config_unix.go]. */
const CONTAINERD_DEFAULT_SANDBOX = 'registry.k8s.io/pause:3.8';

export interface SimRuntimeConfig {
  systemdCgroup: boolean;
  sandboxImage: string;
}

export function readSimRuntimeConfig(root: string): SimRuntimeConfig {
  let text = '';
  try {
    text = fs.readFileSync(path.join(root, SIM_CONTAINERD_CONFIG), 'utf8');
  } catch {
    // no config: containerd's defaults
  }
  const cg = /^\s*SystemdCgroup\s*=\s*(true|false)/m.exec(text);
  const sb = /^\s*sandbox_image\s*=\s*"([^"]+)"/m.exec(text);
  return { systemdCgroup: cg?.[1] === 'true', sandboxImage: sb?.[1] ?? CONTAINERD_DEFAULT_SANDBOX };
}

/** Go's json.MarshalIndent of maps: keys sorted at every level. */
function sortedJson(value: unknown, indent = ''): string {
  const next = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${next}${sortedJson(v, next)}`).join(',\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((k) => `${next}${JSON.stringify(k)}: ${sortedJson((value as Record<string, unknown>)[k], next)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function cniReady(root: string): boolean {
  try {
    return fs.readdirSync(path.join(root, 'etc/cni/net.d')).some((n) => !n.startsWith('.'));
  } catch {
    return false;
  }
}

export async function crictlInfo(ctx: CrictlContext): Promise<void> {
  await ctx.state();
  const root = ctx.paths.root;
  const cfg = readSimRuntimeConfig(root);
  const ready = cniReady(root);
  const confDir = path.join(root, 'etc/cni/net.d');
  const info = {
    cniconfig: {
      Networks: [],
      PluginConfDir: confDir,
      PluginDirs: ['/opt/cni/bin'],
      PluginMaxConfNum: 1,
      Prefix: 'eth',
    },
    config: {
      cni: { binDir: '/opt/cni/bin', confDir, confTemplate: '', ipPref: '', maxConfNum: 1 },
      containerd: {
        defaultRuntimeName: 'runc',
        runtimes: {
          runc: { options: { SystemdCgroup: cfg.systemdCgroup }, runtimeType: 'io.containerd.runc.v2' },
        },
        snapshotter: 'overlayfs',
      },
      containerdRootDir: path.join(root, 'var/lib/containerd'),
      registry: { configPath: '', mirrors: null },
      sandboxImage: cfg.sandboxImage,
    },
    golang: 'go1.22.9',
    lastCNILoadStatus: ready
      ? 'OK'
      : `cni config load failed: no network config found in ${confDir}: cni plugin not initialized: failed to load cni config`,
    status: {
      conditions: [
        { message: '', reason: '', status: true, type: 'RuntimeReady' },
        ready
          ? { message: '', reason: '', status: true, type: 'NetworkReady' }
          : {
              message: 'Network plugin returns error: cni plugin not initialized',
              reason: 'NetworkPluginNotReady',
              status: false,
              type: 'NetworkReady',
            },
      ],
    },
  };
  ctx.io.stdout.write(`${sortedJson(info)}\n`);
}

function removedImages(root: string): string[] {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, REMOVED_IMAGES), 'utf8')) as string[];
  } catch {
    return [];
  }
}

/** What the runtime holds: every image a container was made from, and the sandbox image, less removals. */
export function simImages(
  ctx: CrictlContext,
  containers: Array<{ imageSpec: string; imageId: string; imageRef: string }>,
): Array<{ tag: string; id: string; digest: string }> {
  const removed = new Set(removedImages(ctx.paths.root));
  const cfg = readSimRuntimeConfig(ctx.paths.root);
  const out = new Map<string, { tag: string; id: string; digest: string }>();
  for (const c of containers) out.set(c.imageSpec, { tag: c.imageSpec, id: c.imageId, digest: c.imageRef });
  if (!out.has(cfg.sandboxImage))
    out.set(cfg.sandboxImage, {
      tag: cfg.sandboxImage,
      id: `sha256:${'0'.repeat(63)}1`,
      digest: `${cfg.sandboxImage.split(':')[0]}@sha256:${'0'.repeat(63)}1`,
    });
  return [...out.values()].filter((i) => !removed.has(i.tag));
}

export async function crictlImages(ctx: CrictlContext, args: ParsedArgs): Promise<void> {
  const state = await ctx.state();
  const images = simImages(ctx, state.containers);
  const output = optValue(args, 'output');
  if (output === 'json') {
    const response = msg([
      [
        'images',
        images.map((i) =>
          msg([
            ['id', i.id],
            ['repoTags', [i.tag]],
            ['repoDigests', [i.digest]],
            ['size', '52428800'],
            ['username', ''],
            ['pinned', i.tag.includes('/pause:')],
          ]),
        ),
      ],
    ]);
    ctx.io.stdout.write(`${protoJsonStringify(response, ctx.features.json)}\n`);
    return;
  }
  ctx.io.stdout.write(
    'IMAGE                                     TAG                 IMAGE ID            SIZE\n',
  );
  for (const i of images) {
    const [repo, tag] = [i.tag.slice(0, i.tag.lastIndexOf(':')), i.tag.slice(i.tag.lastIndexOf(':') + 1)];
    ctx.io.stdout.write(
      `${repo.padEnd(42)}${tag.padEnd(20)}${i.id.replace('sha256:', '').slice(0, 13).padEnd(20)}52.4MB\n`,
    );
  }
}

export async function crictlRmi(ctx: CrictlContext, args: ParsedArgs): Promise<void> {
  await ctx.state();
  const file = path.join(ctx.paths.root, REMOVED_IMAGES);
  const removed = new Set(removedImages(ctx.paths.root));
  for (const ref of args.positionals) {
    removed.add(ref);
    ctx.io.stdout.write(`Deleted: ${ref}\n`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify([...removed]));
}

function usage(dir: string): { bytes: number; inodes: number } {
  let bytes = 0;
  let inodes = 0;
  const walk = (d: string, depth: number) => {
    if (depth > 6 || inodes > 100_000) return;
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      inodes++;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (e.isFile()) bytes += fs.statSync(p).blocks * 512;
    }
  };
  walk(dir, 0);
  return { bytes, inodes };
}

export async function crictlImageFsInfo(ctx: CrictlContext): Promise<void> {
  await ctx.state();
  const mountpoint = path.join(ctx.paths.root, SIM_IMAGE_FS);
  fs.mkdirSync(mountpoint, { recursive: true });
  const used = usage(path.join(ctx.paths.root, 'var/lib/containerd'));
  const fsUsage = {
    fsId: { mountpoint },
    inodesUsed: { value: String(used.inodes) },
    timestamp: String(BigInt(ctx.io.now()) * 1_000_000n),
    usedBytes: { value: String(used.bytes) },
  };
  ctx.io.stdout.write(
    `${sortedJson({ status: { containerFilesystems: [fsUsage], imageFilesystems: [fsUsage] } })}\n`,
  );
}

/** `crictl exec [-s] [--timeout N] ID CMD ARGS…`: flags stop at the container id (urfave/cli). */
export async function crictlExec(ctx: CrictlContext, argv: string[]): Promise<number> {
  let i = 0;
  while (i < argv.length && (argv[i] as string).startsWith('-')) {
    const a = argv[i] as string;
    i += a === '--timeout' || a === '-r' || a === '--transport' ? 2 : 1;
  }
  const id = argv[i];
  const command = argv.slice(i + 1);
  if (!id || command.length === 0) {
    ctx.io.stdout.write('NAME:\n   crictl exec - Run a command in a running container\n');
    return 0;
  }
  const state = await ctx.state();
  const matches = state.containers.filter((c) => c.id.startsWith(id));
  if (matches.length !== 1)
    throw new CrictlError(
      `execing command in container ${id} synchronously: rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`,
    );
  const c = matches[0]!;
  if (c.state !== 'CONTAINER_RUNNING')
    throw new CrictlError(
      `execing command in container ${id} synchronously: rpc error: code = Unknown desc = container is in ${c.state} state`,
    );
  const program = command[0] as string;
  if (program !== 'etcdctl' || !c.imageSpec.includes('/etcd:')) {
    throw new CrictlError(
      `execing command in container ${id} synchronously: rpc error: code = Unknown desc = failed to exec in container: failed to start exec "${id.slice(0, 12)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown`,
    );
  }
  const code = runEtcdctl(
    {
      io: ctx.io,
      command: c.command,
      hostPath: (p) => (ctx.paths.root === '/' ? p : path.join(ctx.paths.root, p)),
    },
    command.slice(1),
  );
  if (code !== 0) ctx.io.stderr.write('non-zero exit code\n');
  return code;
}
