// Resolving a target through ~/.ssh/config, as `ssh` would, without ever running a command.
// docs/security.md › SSH: "ssh-agent: … forward it only where the host's ssh_config says
// ForwardAgent"; "Jump hosts: … verify every hop". docs/architecture.md: `matchExec: false`.
import { readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import SSHConfig, { LineType, type Line } from 'ssh-config';
import { ContractError } from '../contract';
import { inlineIncludes } from './ssh-config-include.js';

export interface SshTarget {
  /** What the user typed or picked: an alias or `user@host[:port]`. */
  alias: string;
  hostName: string;
  user: string;
  port: number;
  /** Configured IdentityFile paths (tokens and ~ expanded), else OpenSSH's default list. */
  identityFiles: string[];
  identityFilesFromConfig: boolean;
  identitiesOnly: boolean;
  /** Hops to go through, first hop first; each one resolved through the config too. */
  proxyJump: SshTarget[];
  /** Set when the config asks for ProxyCommand, which this app does not run. */
  proxyCommand?: string;
  serverAliveInterval?: number;
  serverAliveCountMax?: number;
  forwardAgent: boolean;
  userKnownHostsFiles?: string[];
}

export interface SshConfigSource {
  home?: string;
  localUser?: string;
  /** Config text (for tests); defaults to reading ~/.ssh/config (missing → empty). */
  text?: string;
}

const MAX_HOPS = 10;

function loadConfig(src: SshConfigSource): { config: SSHConfig; home: string; localUser: string } {
  const home = src.home ?? homedir();
  const localUser = src.localUser ?? userInfo().username;
  let text = src.text;
  if (text === undefined) {
    try {
      text = readFileSync(join(home, '.ssh', 'config'), 'utf8');
    } catch {
      text = '';
    }
  }
  const inlined = inlineIncludes(text, { home, baseDir: join(home, '.ssh') });
  let config: SSHConfig;
  try {
    config = SSHConfig.parse(inlined);
  } catch (error) {
    // The ssh-config package throws on lines it cannot read (`Match host` with no value).
    throw new ContractError({
      code: 'invalid-argument',
      message: `~/.ssh/config could not be read: ${(error as Error).message}`,
      hint: 'Fix that line; ssh itself refuses such a file too.',
    });
  }
  return { config, home, localUser };
}

/** Parses `user@host:port`, `host:port`, `[v6]:port`, `user@host`, `host`. */
export function parseTargetSpec(spec: string): { user?: string; host: string; port?: number } {
  let rest = spec.trim();
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at > 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  let port: number | undefined;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (v6) {
    rest = v6[1] ?? '';
    if (v6[2]) port = Number(v6[2]);
  } else {
    const m = /^([^:]+):(\d+)$/.exec(rest);
    if (m) {
      rest = m[1] ?? '';
      port = Number(m[2]);
    }
  }
  if (rest === '' || (port !== undefined && (port < 1 || port > 65535)))
    throw new ContractError({
      code: 'invalid-argument',
      message: `Not a valid SSH target: ${spec}`,
      hint: 'Use user@host[:port], [ipv6]:port or a Host alias from ~/.ssh/config.',
    });
  return { host: rest, ...(user !== undefined ? { user } : {}), ...(port !== undefined ? { port } : {}) };
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const yes = (v: string | string[] | undefined): boolean => (first(v) ?? '').toLowerCase() === 'yes';
const int = (v: string | string[] | undefined): number | undefined => {
  const s = first(v);
  return s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;
};

function expandTokens(
  s: string,
  t: { home: string; localUser: string; host: string; user: string; port: number },
): string {
  const tilde = s === '~' || s.startsWith('~/') ? t.home + s.slice(1) : s;
  return tilde.replace(/%([%dhupr])/g, (_, c: string) =>
    c === '%'
      ? '%'
      : c === 'd'
        ? t.home
        : c === 'h'
          ? t.host
          : c === 'u'
            ? t.localUser
            : c === 'p'
              ? String(t.port)
              : t.user,
  );
}

function resolveOne(
  spec: string,
  ctx: ReturnType<typeof loadConfig>,
  depth: number,
  jumpOverride?: SshTarget[],
): SshTarget {
  if (depth > MAX_HOPS)
    throw new ContractError({
      code: 'invalid-argument',
      message: `ProxyJump chain longer than ${MAX_HOPS} hops (a loop?) at ${spec}`,
      hint: 'Check the ProxyJump lines of ~/.ssh/config.',
    });
  const t = parseTargetSpec(spec);
  // matchExec: false — a `Match exec` criterion never runs and never matches.
  const c = ctx.config.compute(
    { Host: t.host, ...(t.user !== undefined ? { User: t.user } : {}) },
    { matchExec: false, ignoreCase: true },
  );
  const hostName = (first(c.hostname) ?? t.host).replace(/%h/g, t.host).replace(/%%/g, '%');
  const user = t.user ?? first(c.user) ?? ctx.localUser;
  const port = t.port ?? int(c.port) ?? 22;
  const tok = { home: ctx.home, localUser: ctx.localUser, host: hostName, user, port };
  const configured = list(c.identityfile).map((f) => expandTokens(f, tok));
  const defaults = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk'].map((f) =>
    join(ctx.home, '.ssh', f),
  );

  let proxyJump: SshTarget[] = jumpOverride ?? [];
  const pj = first(c.proxyjump);
  if (jumpOverride === undefined && pj !== undefined && pj.toLowerCase() !== 'none') {
    // `ProxyJump a,b`: a is reached with its own config (its own ProxyJump included); b is reached
    // through a, so b's own ProxyJump is overridden, as `ssh -J a,b` does.
    const hops = pj
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    hops.forEach((hop, i) => {
      const r = i === 0 ? resolveOne(hop, ctx, depth + 1) : resolveOne(hop, ctx, depth + 1, []);
      proxyJump = [...proxyJump, ...r.proxyJump, { ...r, proxyJump: [] }];
    });
  }
  const proxyCommand = first(c.proxycommand);
  const alive = int(c.serveraliveinterval);
  const count = int(c.serveralivecountmax);
  const khf = list(c.userknownhostsfile)
    .flatMap((v) => v.split(/\s+/))
    .filter(Boolean);
  return {
    alias: spec,
    hostName,
    user,
    port,
    identityFiles: configured.length > 0 ? configured : defaults,
    identityFilesFromConfig: configured.length > 0,
    identitiesOnly: yes(c.identitiesonly),
    proxyJump,
    ...(proxyCommand !== undefined && proxyCommand.toLowerCase() !== 'none' ? { proxyCommand } : {}),
    ...(alive !== undefined ? { serverAliveInterval: alive } : {}),
    ...(count !== undefined ? { serverAliveCountMax: count } : {}),
    forwardAgent: yes(c.forwardagent),
    ...(khf.length > 0 ? { userKnownHostsFiles: khf.map((f) => expandTokens(f, tok)) } : {}),
  };
}

/** Resolves an alias or `user@host[:port]` through ~/.ssh/config (Include followed). */
export function resolveSshTarget(spec: string, source: SshConfigSource = {}): SshTarget {
  return resolveOne(spec, loadConfig(source), 0);
}

/** Concrete Host aliases (no `*`, `?` or `!`) for the node list, in file order, once each. */
export function listHostAliases(source: SshConfigSource = {}): string[] {
  const { config } = loadConfig(source);
  const out: string[] = [];
  const visit = (lines: Line[]): void => {
    for (const line of lines) {
      if (line.type !== LineType.DIRECTIVE || line.param.toLowerCase() !== 'host') continue;
      const vals = typeof line.value === 'string' ? line.value.split(/\s+/) : line.value.map((v) => v.val);
      for (const v of vals) if (v !== '' && !/[*?!]/.test(v) && !out.includes(v)) out.push(v);
    }
  };
  visit(config);
  return out;
}
