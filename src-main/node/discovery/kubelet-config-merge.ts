/**
 * The kubelet's effective configuration, computed the way the kubelet computes it
 * (kubernetes/kubernetes cmd/kubelet/app/server.go, the command's RunE; docs/kubelet.md §6):
 *
 * 1. the `--config` file, decoded with the v1beta1 defaults (pkg/kubelet/apis/config/v1beta1/
 *    defaults.go: fileCheckFrequency 20s when zero, containerRuntimeEndpoint
 *    unix:///run/containerd/containerd.sock when empty) and its relative paths resolved
 *    against the file's directory (pkg/kubelet/kubeletconfig/configfiles `resolveRelativePaths`);
 * 2. the `--config-dir` drop-ins in filepath.WalkDir order (drop-in-order.ts), each applied as
 *    an RFC 7386 JSON merge patch (`mergeKubeletConfigurations`). The base is the internal
 *    config marshalled under its Go field names, so a `null` in a drop-in removes what earlier
 *    drop-ins set and leaves the config file's value in place;
 * 3. the command-line flags, parsed again over the result: a flag always wins
 *    (`kubeletConfigFlagPrecedence`).
 *
 * Every value keeps where it came from, for the user. Parsing is bounded (yaml-bounds.ts): a
 * file too large or too deeply nested is reported, never parsed, and aliases are capped.
 */
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { EffectiveValue, KubeletEffectiveConfig } from '../../contract/domain/node-setup';
import { YAML_MAX_ALIASES, yamlUnreadable } from '../manifests/yaml-bounds';
import type { ParsedFlags } from './command-line-flags';

/** A file as discovery read it: its text, or why it could not be read. */
export type ReadFile = { path: string; text: string } | { path: string; error: string };

export interface KubeletConfigInput {
  flags: ParsedFlags;
  /** The `--config` file, when the flag is set. */
  config: ReadFile | null;
  /** The drop-ins in the kubelet's order; `null` when `--config-dir` is set but could not be listed. */
  dropIns: ReadFile[] | null;
  /** Why the drop-in directory could not be listed (when `dropIns` is null). */
  dropInDirError?: string;
}

/** The settings read, with their config-file key path and flag. */
const SETTINGS = {
  staticPodPath: { keys: ['staticPodPath'], flag: 'pod-manifest-path', isPath: true },
  staticPodURL: { keys: ['staticPodURL'], flag: 'manifest-url', isPath: false },
  fileCheckFrequency: { keys: ['fileCheckFrequency'], flag: 'file-check-frequency', isPath: false },
  containerRuntimeEndpoint: {
    keys: ['containerRuntimeEndpoint'],
    flag: 'container-runtime-endpoint',
    isPath: false,
  },
  loggingFormat: { keys: ['logging', 'format'], flag: 'logging-format', isPath: false },
} as const;

type SettingName = keyof typeof SETTINGS;

/** v1beta1 defaults that the kubelet applies when the file leaves a value empty (defaults.go). */
const DEFAULTS: Partial<Record<SettingName, string>> = {
  fileCheckFrequency: '20s',
  containerRuntimeEndpoint: 'unix:///run/containerd/containerd.sock',
  loggingFormat: 'text',
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isRecord(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** YAML or JSON (a JSON document is YAML) → an object, or the reason it is not one. */
export function decodeConfigText(text: string): { value: Record<string, Json> } | { error: string } {
  const unreadable = yamlUnreadable(text);
  if (unreadable) return { error: `not read: ${unreadable}` };
  try {
    const value: unknown = parseYaml(text, { maxAliasCount: YAML_MAX_ALIASES, uniqueKeys: false });
    if (value === null || value === undefined) return { value: {} };
    if (!isRecord(value)) return { error: 'not a mapping of settings' };
    return { value };
  } catch (error) {
    return { error: `not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
}

function lookup(object: Record<string, Json>, keys: readonly string[]): Json | undefined {
  let at: Json | undefined = object;
  for (const key of keys) {
    if (!isRecord(at)) return undefined;
    at = at[key];
  }
  return at;
}

/** A scalar setting as the kubelet's typed decode would see it; objects and lists are not ours to read. */
function scalar(v: Json | undefined): string | undefined | null {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function isZeroDuration(text: string): boolean {
  return /^\s*(0+(\.0+)?(ns|us|µs|ms|s|m|h)?)*\s*$/.test(text) && text.trim() !== '';
}

/** An empty or zero value the v1beta1 defaulting replaces. */
function defaulted(name: SettingName, value: string): boolean {
  if (name === 'fileCheckFrequency') return value === '' || isZeroDuration(value);
  if (name === 'containerRuntimeEndpoint' || name === 'loggingFormat') return value === '';
  return false;
}

export function computeKubeletConfig(input: KubeletConfigInput): KubeletEffectiveConfig {
  const problems: string[] = [];
  const result: KubeletEffectiveConfig = { dropIns: [], problems };
  const fromFile = new Map<SettingName, EffectiveValue>();
  const configPath = input.flags.flags.get('config');
  // An unreadable file leaves its values unknown: no default is claimed for them.
  let fileKnown = !configPath;
  if (input.config) {
    if ('error' in input.config) {
      problems.push(`The kubelet config ${input.config.path} could not be read: ${input.config.error}.`);
    } else {
      const decoded = decodeConfigText(input.config.text);
      if ('error' in decoded) problems.push(`The kubelet config ${input.config.path} is ${decoded.error}.`);
      else {
        fileKnown = true;
        readSettings(decoded.value, input.config.path, fromFile, path.posix.dirname(input.config.path));
      }
    }
  } else if (configPath) {
    problems.push(`The kubelet config ${configPath} was not read.`);
  }
  // The file's values (with defaults) are the base under the Go field names; drop-ins sit on top.
  const effective = new Map<SettingName, EffectiveValue>();
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const own = fromFile.get(name);
    if (own && !defaulted(name, own.value)) effective.set(name, own);
    else if (fileKnown && DEFAULTS[name] !== undefined)
      effective.set(name, { value: DEFAULTS[name] as string, source: 'default', from: 'kubelet default' });
  }

  if (input.flags.flags.has('config-dir')) {
    if (input.dropIns === null) {
      problems.push(
        `The drop-in directory ${input.flags.flags.get('config-dir')} could not be read${input.dropInDirError ? `: ${input.dropInDirError}` : ''}; values it sets are unknown.`,
      );
    } else {
      const overlay = new Map<SettingName, EffectiveValue>();
      for (const file of input.dropIns) {
        result.dropIns.push(file.path);
        if ('error' in file) {
          problems.push(
            `The drop-in ${file.path} could not be read: ${file.error}; values it sets are unknown.`,
          );
          continue;
        }
        const decoded = decodeConfigText(file.text);
        if ('error' in decoded) {
          problems.push(`The drop-in ${file.path} is ${decoded.error} (the kubelet stops on such a file).`);
          continue;
        }
        for (const name of Object.keys(SETTINGS) as SettingName[]) {
          const raw = lookup(decoded.value, SETTINGS[name].keys);
          const value = scalar(raw);
          if (value === undefined) continue;
          if (value === null) overlay.delete(name);
          else
            overlay.set(name, {
              value: SETTINGS[name].isPath && value !== '' ? path.posix.resolve('/', value) : value,
              source: 'drop-in',
              from: file.path,
            });
        }
      }
      for (const [name, value] of overlay) effective.set(name, value);
    }
    // A drop-in that could not be read may set anything: no built-in default is claimed then.
    const unreadDropIn = input.dropIns === null || input.dropIns.some((f) => 'error' in f);
    if (unreadDropIn)
      for (const [name, value] of effective) if (value.source === 'default') effective.delete(name);
  }

  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const flag = SETTINGS[name].flag;
    const value = input.flags.flags.get(flag);
    if (value !== undefined) effective.set(name, { value, source: 'flag', from: `--${flag}` });
  }
  for (const [name, value] of effective) result[name] = value;

  const kubeconfig = input.flags.flags.get('kubeconfig');
  if (kubeconfig) result.kubeconfig = { value: kubeconfig, source: 'flag', from: '--kubeconfig' };
  const override = input.flags.flags.get('hostname-override');
  if (override !== undefined)
    result.hostnameOverride = { value: override, source: 'flag', from: '--hostname-override' };
  return result;
}

function readSettings(
  object: Record<string, Json>,
  file: string,
  into: Map<SettingName, EffectiveValue>,
  baseDir: string,
): void {
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const value = scalar(lookup(object, SETTINGS[name].keys));
    if (value === undefined || value === null) continue;
    const resolved = SETTINGS[name].isPath && value !== '' ? path.posix.resolve(baseDir, value) : value;
    into.set(name, { value: resolved, source: 'config', from: file });
  }
}

/** `fileCheckFrequency` in seconds, as the file source uses it (0 or unset means 20 s, docs/kubelet.md §1.1). */
export function fileCheckSeconds(config: KubeletEffectiveConfig): number {
  const text = config.fileCheckFrequency?.value ?? '';
  const seconds = goDurationSeconds(text);
  return seconds === null || seconds <= 0 ? 20 : seconds;
}

/** Go's time.ParseDuration for the units a kubelet config uses; null when it is not a duration. */
export function goDurationSeconds(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  let total = 0;
  let rest = trimmed;
  if (rest === '') return null;
  while (rest.length > 0) {
    const part = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|h|m|s)/.exec(rest);
    if (!part) return null;
    total += Number(part[1]) * (units[part[2] as string] ?? 0);
    rest = rest.slice(part[0].length);
  }
  return total;
}
