/**
 * The kubelet's configuration as the real kubelet computes it (docs/kubelet.md §6,
 * kubernetes `cmd/kubelet/app/server.go`): the `--config` file, then every `*.conf` drop-in of
 * `--config-dir` — the tree walked with Go's filepath.WalkDir, subdirectories included, in
 * lexical order of their paths, each applied as a JSON merge patch (RFC 7386) — then the
 * command-line flags over both. The simulation honours the fields it acts on: staticPodPath,
 * fileCheckFrequency, containerRuntimeEndpoint, logging.format and logging.verbosity.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { isObject } from '../../../kubelet/pod-object';
import { DEFAULT_FILE_CHECK_MS, parseGoDuration } from './kubelet-config';

export interface KubeletConfigSources {
  /** `--config` (node path), if given. */
  configFile?: string;
  /** `--config-dir` (node path), if given. */
  configDir?: string;
  /** Other flags, without dashes: `pod-manifest-path`, `file-check-frequency`, `v`, … */
  flags: ReadonlyMap<string, string>;
}

export interface EffectiveKubeletConfig {
  /** Node path; empty = no file source. */
  staticPodPath: string;
  fileCheckFrequencyMs: number;
  containerRuntimeEndpoint?: string;
  loggingFormat: 'text' | 'json';
  verbosity: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** RFC 7386: maps merged key by key, `null` deletes, anything else replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch) || Array.isArray(patch)) return patch;
  const out: { [key: string]: Json } = isObject(target) && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key] ?? null, value);
  }
  return out;
}

/**
 * The drop-ins that count, in the order the kubelet applies them: files whose extension is
 * exactly `.conf` (Go's filepath.Ext, so `x.conf.bak` does not count and `.x.conf` does),
 * anywhere below the directory, in WalkDir's lexical order.
 */
export function dropInFiles(hostDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    const names = fs.readdirSync(dir).sort();
    for (const name of names) {
      const full = path.join(dir, name);
      const st = fs.statSync(full);
      if (st.isDirectory()) walk(full);
      else if (path.extname(name) === '.conf') found.push(full);
    }
  };
  walk(hostDir);
  return found;
}

function loadDoc(file: string): Json {
  const doc = parse(fs.readFileSync(file, 'utf8')) as Json;
  return doc ?? {};
}

/**
 * Reads and merges; a missing or invalid file or drop-in stops the kubelet, as the real one
 * exits (`failed to merge kubelet configs: …`; the load error's wording is abridged).
 */
export function effectiveKubeletConfig(
  sources: KubeletConfigSources,
  toHost: (nodePath: string) => string = (p) => p,
): EffectiveKubeletConfig {
  let config: Json = {};
  if (sources.configFile) {
    try {
      config = loadDoc(toHost(sources.configFile));
    } catch (e) {
      throw new Error(
        `failed to load kubelet config file, path: ${sources.configFile}, error: ${(e as Error).message.split('\n')[0]}`,
      );
    }
  }
  if (sources.configDir) {
    try {
      for (const file of dropInFiles(toHost(sources.configDir))) config = mergePatch(config, loadDoc(file));
    } catch (e) {
      throw new Error(`failed to merge kubelet configs: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const cfg = isObject(config) ? (config as { [key: string]: Json }) : {};
  const logging = isObject(cfg.logging) ? (cfg.logging as { [key: string]: Json }) : {};
  const flag = (name: string) => sources.flags.get(name);
  const str = (v: Json | undefined) => (typeof v === 'string' ? v : undefined);

  const staticPodPath = (flag('pod-manifest-path') ?? str(cfg.staticPodPath) ?? '').replace(/(.)\/+$/, '$1');
  const freqText = flag('file-check-frequency') ?? str(cfg.fileCheckFrequency);
  const freq = freqText === undefined ? undefined : parseGoDuration(freqText);
  const format = flag('logging-format') ?? str(logging.format) ?? 'text';
  const verbosityText =
    flag('v') ?? (typeof logging.verbosity === 'number' ? String(logging.verbosity) : '0');
  return {
    staticPodPath,
    fileCheckFrequencyMs: freq && freq > 0 ? freq : DEFAULT_FILE_CHECK_MS,
    containerRuntimeEndpoint:
      flag('container-runtime-endpoint') || str(cfg.containerRuntimeEndpoint) || undefined,
    loggingFormat: format === 'json' ? 'json' : 'text',
    verbosity: Number(verbosityText) || 0,
  };
}
