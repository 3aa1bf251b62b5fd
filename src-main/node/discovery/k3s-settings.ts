/**
 * The k3s/RKE2 settings that decide where the embedded kubelet keeps things and what it is
 * called (docs/distributions.md "k3s", "RKE2"): `node-name`, `with-node-id`, `data-dir`,
 * `kubelet-arg`. k3s reads them from its command line, from /etc/rancher/<program>/config.yaml
 * and config.yaml.d/*.yaml (alphabetical, later files winning), and from K3S_NODE_NAME /
 * RKE2_NODE_NAME. The config file's entries are turned into command-line arguments placed
 * before the real ones (k3s pkg/configfilearg), so the real command line wins over the files,
 * and both win over the environment (urfave/cli reads an EnvVar only when the flag is absent).
 * A key ending in `+` appends to a list instead of replacing it.
 */
import { parseCommandLineFlags, K3S_BOOL_FLAGS, goBool } from './command-line-flags';
import { decodeConfigText, type ReadFile } from './kubelet-config-merge';

export interface SettingValue {
  value: string;
  /** "--node-name on the k3s command line", "node-name in /etc/rancher/k3s/config.yaml", "K3S_NODE_NAME" */
  from: string;
}

export interface K3sSettings {
  nodeName: SettingValue | null;
  withNodeId: SettingValue | null;
  dataDir: SettingValue | null;
  /** Every `--kubelet-arg`, in the order k3s passes them (files first, then the command line). */
  kubeletArgs: SettingValue[];
  problems: string[];
}

export interface K3sInput {
  program: 'k3s' | 'rke2';
  /** The server/agent process's arguments after the program name. */
  args: readonly string[];
  /** config.yaml, then config.yaml.d files in alphabetical order. */
  configFiles: readonly ReadFile[];
  /** `<PROGRAM>_NODE_NAME`, `<PROGRAM>_DATA_DIR` … from the unit's environment file, when read. */
  env: ReadonlyMap<string, string>;
}

const KEYS = ['node-name', 'with-node-id', 'data-dir'] as const;

function asArgValues(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v === 'number' || typeof v === 'boolean') return [String(v)];
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string' || typeof x === 'number').map(String);
  return [];
}

export function readK3sSettings(input: K3sInput): K3sSettings {
  const problems: string[] = [];
  const values = new Map<string, SettingValue>();
  let kubeletArgs: SettingValue[] = [];
  for (const file of input.configFiles) {
    if ('error' in file) {
      problems.push(`${file.path} could not be read: ${file.error}`);
      continue;
    }
    const decoded = decodeConfigText(file.text);
    if ('error' in decoded) {
      problems.push(`${file.path} is ${decoded.error}`);
      continue;
    }
    for (const [rawKey, raw] of Object.entries(decoded.value)) {
      const append = rawKey.endsWith('+');
      const key = rawKey.replace(/\+$/, '');
      if (key === 'kubelet-arg') {
        const added = asArgValues(raw).map((value) => ({ value, from: `kubelet-arg in ${file.path}` }));
        kubeletArgs = append ? [...kubeletArgs, ...added] : added;
      } else if ((KEYS as readonly string[]).includes(key)) {
        const value = asArgValues(raw)[0];
        if (value !== undefined) values.set(key, { value, from: `${key} in ${file.path}` });
      }
    }
  }
  const cli = parseCommandLineFlags(input.args, {
    bools: K3S_BOOL_FLAGS,
    repeatable: new Set(['kubelet-arg']),
    shorthands: { d: 'data-dir' },
  });
  for (const key of KEYS) {
    const value = cli.flags.get(key);
    if (value !== undefined)
      values.set(key, { value, from: `--${key} on the ${input.program} command line` });
  }
  kubeletArgs = [
    ...kubeletArgs,
    ...(cli.repeated.get('kubelet-arg') ?? []).map((value) => ({
      value,
      from: `--kubelet-arg on the ${input.program} command line`,
    })),
  ];
  const prefix = input.program.toUpperCase();
  const envName = input.env.get(`${prefix}_NODE_NAME`);
  if (!values.has('node-name') && envName)
    values.set('node-name', { value: envName, from: `${prefix}_NODE_NAME` });
  const envDir = input.env.get(`${prefix}_DATA_DIR`);
  if (!values.has('data-dir') && envDir)
    values.set('data-dir', { value: envDir, from: `${prefix}_DATA_DIR` });
  return {
    nodeName: values.get('node-name') ?? null,
    withNodeId: values.get('with-node-id') ?? null,
    dataDir: values.get('data-dir') ?? null,
    kubeletArgs,
    problems,
  };
}

/** `--kubelet-arg` values (`name=value`) as kubelet command-line arguments (`--name=value`). */
export function kubeletArgsOf(settings: K3sSettings): string[] {
  return settings.kubeletArgs.map((a) => `--${a.value.replace(/^-+/, '')}`);
}

export function withNodeId(settings: K3sSettings): boolean {
  return goBool(settings.withNodeId?.value) === true;
}

/** A systemd EnvironmentFile (`KEY=value`, `KEY="value"`, comments) — k3s's `<unit>.service.env`. */
export function parseEnvironmentFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    let value = (m[2] as string).trim();
    if (/^".*"$/.test(value) || /^'.*'$/.test(value)) value = value.slice(1, -1);
    out.set(m[1] as string, value);
  }
  return out;
}
