/**
 * How crictl (cri-tools v1.32) finds and reaches its runtime, and how it fails
 * [src: kubernetes-sigs/cri-tools `cmd/crictl/main.go` (app.Before, getRuntimeService),
 * `main_unix.go` (defaults), `pkg/common/config.go` (GetServerConfigFromFile), k8s.io/cri-client
 * (`validate service connection: validate CRI v1 runtime API for endpoint …`)]:
 *
 * - the config file is `--config`/`-c`, else `$CRI_CONFIG_FILE`, else /etc/crictl.yaml; a missing
 *   default logs `Config "/etc/crictl.yaml" does not exist, trying next: "<dir of the crictl
 *   binary>/crictl.yaml"`. (v1.32 then reads the first name again, so the fallback file is never
 *   used: the error is dropped and crictl goes on without a config.) A config named by flag or
 *   variable that cannot be loaded is fatal (`load config file: …`);
 * - the endpoint is `--runtime-endpoint`/`-r` or `$CONTAINER_RUNTIME_ENDPOINT`, else the config's
 *   `runtime-endpoint`; with none, crictl warns that the defaults are deprecated and tries
 *   containerd's, CRI-O's and cri-dockerd's sockets in turn, logging each failure;
 * - connecting is a real connect(2) to the unix socket, so the error is the kernel's: no such
 *   file, permission denied (the sockets are root:root 0660), connection refused.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_RUNTIME, parseRuntime, type RuntimeIdentity } from '../daemon/sim-env';

export const DEFAULT_CONFIG_PATH = '/etc/crictl.yaml';
export const DEFAULT_RUNTIME_ENDPOINTS = [
  'unix:///run/containerd/containerd.sock',
  'unix:///run/crio/crio.sock',
  'unix:///var/run/cri-dockerd.sock',
];

export interface CrictlGlobalFlags {
  config?: string;
  runtimeEndpoint?: string;
}

/** A problem crictl reports before or while connecting. */
export interface EndpointLog {
  level: 'warning' | 'error';
  message: string;
}

export interface EndpointChoice {
  /** The endpoints to try, in order (one when set, the three defaults otherwise). */
  endpoints: string[];
  /** Whether an endpoint was set (flag, variable or config). */
  isSet: boolean;
  /** Logged on the way (the missing config warning). */
  logs: EndpointLog[];
  /** A fatal error: crictl exits with it before connecting. */
  fatal?: string;
}

function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
      return 'permission denied';
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ENOTSOCK':
      return 'socket operation on non-socket';
    default:
      return (e as Error).message;
  }
}

function readConfigEndpoint(file: string): string | undefined {
  const doc: unknown = parse(fs.readFileSync(file, 'utf8'));
  if (doc && typeof doc === 'object' && 'runtime-endpoint' in doc) {
    const value = (doc as Record<string, unknown>)['runtime-endpoint'];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }
  return undefined;
}

/**
 * `toHost` maps a node path to where the file is (the simulated node's root); `exePath` is the
 * crictl binary the user ran, symlinks resolved (os.Executable).
 */
export function chooseEndpoint(
  flags: CrictlGlobalFlags,
  env: Record<string, string | undefined>,
  exePath: string,
  toHost: (nodePath: string) => string,
): EndpointChoice {
  const logs: EndpointLog[] = [];
  const configSet = flags.config !== undefined || env.CRI_CONFIG_FILE !== undefined;
  const configFile = flags.config ?? env.CRI_CONFIG_FILE ?? DEFAULT_CONFIG_PATH;
  let configEndpoint: string | undefined;
  let configError: string | undefined;
  try {
    fs.statSync(toHost(configFile));
    try {
      configEndpoint = readConfigEndpoint(toHost(configFile));
    } catch (e) {
      configError = `load config file: open ${configFile}: ${errnoText(e)}`;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      configError = `load config file: stat ${configFile}: ${errnoText(e)}`;
    } else {
      const next = path.join(path.dirname(exePath), 'crictl.yaml');
      logs.push({
        level: 'warning',
        message: `Config ${JSON.stringify(configFile)} does not exist, trying next: ${JSON.stringify(next)}`,
      });
      try {
        fs.statSync(toHost(next));
        // v1.32 reads the first name again here, which does not exist.
        configError = `load config file: open ${configFile}: no such file or directory`;
      } catch (e2) {
        configError = `load config file: stat ${next}: ${errnoText(e2)}`;
      }
    }
  }
  if (configError && configSet) return { endpoints: [], isSet: false, logs, fatal: configError };

  const flagEndpoint = flags.runtimeEndpoint ?? env.CONTAINER_RUNTIME_ENDPOINT;
  if (flagEndpoint !== undefined) {
    if (flagEndpoint === '')
      return { endpoints: [], isSet: true, logs, fatal: '--runtime-endpoint is not set' };
    return { endpoints: [flagEndpoint], isSet: true, logs };
  }
  if (!configError && configEndpoint) return { endpoints: [configEndpoint], isSet: true, logs };
  logs.push({
    level: 'warning',
    message: `runtime connect using default endpoints: [${DEFAULT_RUNTIME_ENDPOINTS.join(' ')}]. As the default settings are now deprecated, you should set the endpoint instead.`,
  });
  return { endpoints: DEFAULT_RUNTIME_ENDPOINTS, isSet: false, logs };
}

/** The socket path of `unix:///run/x.sock` or a bare `/run/x.sock`; undefined for other schemes. */
export function socketPath(endpoint: string): string | undefined {
  if (endpoint.startsWith('unix://')) return endpoint.slice('unix://'.length);
  if (endpoint.startsWith('/')) return endpoint;
  return undefined;
}

function connectionError(endpoint: string, detail: string): string {
  return `validate service connection: validate CRI v1 runtime API for endpoint ${JSON.stringify(endpoint)}: rpc error: code = Unavailable desc = connection error: desc = ${JSON.stringify(`transport: Error while dialing: ${detail}`)}`;
}

/**
 * Connects to one endpoint; the simulated runtime answers with its identity, one JSON line
 * (`{"name":"cri-o","version":"1.30.4"}`).
 */
export function dialRuntime(
  endpoint: string,
  toHost: (nodePath: string) => string,
  timeoutMs = 2000,
): Promise<{ ok: true; runtime: RuntimeIdentity } | { ok: false; error: string }> {
  const sock = socketPath(endpoint);
  if (sock === undefined) {
    return Promise.resolve({
      ok: false,
      error: `validate service connection: protocol ${JSON.stringify(endpoint.split('://')[0])} not supported`,
    });
  }
  return new Promise((resolve) => {
    const conn = net.createConnection(toHost(sock));
    let data = '';
    const timer = setTimeout(() => {
      conn.destroy();
      resolve({ ok: false, error: connectionError(endpoint, `dial unix ${sock}: i/o timeout`) });
    }, timeoutMs);
    conn.setEncoding('utf8');
    conn.on('data', (chunk: string) => (data += chunk));
    conn.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, error: connectionError(endpoint, `dial unix ${sock}: connect: ${errnoText(e)}`) });
    });
    conn.on('end', () => {
      clearTimeout(timer);
      let runtime = DEFAULT_RUNTIME;
      try {
        const parsed = JSON.parse(data) as { name?: string; version?: string };
        runtime = parseRuntime(`${parsed.name ?? ''} ${parsed.version ?? ''}`);
      } catch {
        // an answer that is not the simulated runtime's: take it for containerd
      }
      resolve({ ok: true, runtime });
    });
  });
}
