// Client authentication for one hop, as an ssh2 authHandler: agent, key files (ed25519, ecdsa,
// rsa; encrypted ones ask their passphrase once), keyboard-interactive, password.
// docs/security.md › Secrets: "sudo passwords and key passphrases stay in memory by default."
// docs/security.md › SSH: "ssh-agent: use it when present".
// Each secret is asked at most once per node session (AuthSecrets lives as long as the
// SshConnection), and a wrong one fails the connection once with a clear message: no retry
// storm that could lock the account.
import { readFile } from 'node:fs/promises';
import ssh2, {
  type AnyAuthMethod,
  type AuthenticationType,
  type AuthHandlerMiddleware,
  type ParsedKey,
} from 'ssh2';
import { AuthError } from './errors.js';

// ssh2 is CommonJS: named imports of values fail under Node's ESM loader, so take them from the default.
const { utils } = ssh2;

export type AuthMethodName = 'agent' | 'publickey' | 'keyboard-interactive' | 'password';

export interface KeyboardInteractiveRequest {
  user: string;
  host: string;
  name: string;
  instructions: string;
  prompts: Array<{ prompt: string; echo: boolean }>;
}

export interface AuthPrompts {
  onPassword?: (req: { user: string; host: string }) => Promise<string | null>;
  onPassphrase?: (req: { file: string }) => Promise<string | null>;
  onKeyboardInteractive?: (req: KeyboardInteractiveRequest) => Promise<string[] | null>;
}

/** Secrets given during this node session, in memory only. */
export interface AuthSecrets {
  passwords: Map<string, string>;
  passphrases: Map<string, string>;
}

export interface AuthOptions {
  user: string;
  host: string;
  identityFiles: string[];
  identitiesOnly: boolean;
  /** SSH_AUTH_SOCK path; undefined = no agent. */
  agent: string | undefined;
  methods: AuthMethodName[];
  prompts: AuthPrompts;
  secrets: AuthSecrets;
  /** Receives the precise reason before the handler gives up (ssh2's own error is generic). */
  onFatal: (err: AuthError) => void;
}

type Attempt = () => Promise<AnyAuthMethod | null>;

async function loadKey(file: string, o: AuthOptions): Promise<ParsedKey | null> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return null; // absent default identities are normal
  }
  const first = (k: ParsedKey | ParsedKey[]): ParsedKey | null => (Array.isArray(k) ? (k[0] ?? null) : k);
  let parsed = utils.parseKey(data);
  if (!(parsed instanceof Error)) return first(parsed);
  if (!/passphrase/i.test(parsed.message)) return null; // not a key ssh2 can use: skip it
  let pass = o.secrets.passphrases.get(file);
  if (pass === undefined) {
    const asked = o.prompts.onPassphrase ? await o.prompts.onPassphrase({ file }) : null;
    if (asked === null) return null; // declined: try the next method
    pass = asked;
  }
  parsed = utils.parseKey(data, pass);
  if (parsed instanceof Error) {
    o.secrets.passphrases.delete(file);
    throw new AuthError('wrong-passphrase', `Wrong passphrase for the key ${file}; not trying it again.`);
  }
  o.secrets.passphrases.set(file, pass);
  return first(parsed);
}

function plan(o: AuthOptions): Array<{ method: AuthenticationType; attempt: Attempt }> {
  const username = o.user;
  const key = `${o.user}@${o.host}`;
  const out: Array<{ method: AuthenticationType; attempt: Attempt }> = [];
  for (const m of o.methods) {
    if (m === 'agent' && o.agent !== undefined && !o.identitiesOnly) {
      const agent = o.agent;
      out.push({ method: 'publickey', attempt: async () => ({ type: 'agent', username, agent }) });
    }
    if (m === 'publickey') {
      for (const file of o.identityFiles) {
        out.push({
          method: 'publickey',
          attempt: async () => {
            const k = await loadKey(file, o);
            return k ? { type: 'publickey', username, key: k } : null;
          },
        });
      }
    }
    if (m === 'keyboard-interactive' && o.prompts.onKeyboardInteractive) {
      const ask = o.prompts.onKeyboardInteractive;
      out.push({
        method: 'keyboard-interactive',
        attempt: async () => ({
          type: 'keyboard-interactive',
          username,
          prompt: (name, instructions, _lang, prompts, finish) => {
            const req = {
              user: o.user,
              host: o.host,
              name,
              instructions,
              prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo === true })),
            };
            ask(req).then(
              (answers) => finish(answers ?? []),
              () => finish([]),
            );
          },
        }),
      });
    }
    if (m === 'password' && o.prompts.onPassword) {
      const ask = o.prompts.onPassword;
      out.push({
        method: 'password',
        attempt: async () => {
          let pw = o.secrets.passwords.get(key);
          if (pw === undefined) {
            const asked = await ask({ user: o.user, host: o.host });
            if (asked === null) return null;
            pw = asked;
          }
          o.secrets.passwords.set(key, pw);
          return { type: 'password', username, password: pw };
        },
      });
    }
  }
  return out;
}

/** The ssh2 authHandler. Methods the server does not offer are skipped. */
export function makeAuthHandler(o: AuthOptions): AuthHandlerMiddleware {
  const steps = plan(o);
  let index = 0;
  let last: AuthenticationType | null = null;
  const giveUp = (next: (a: AnyAuthMethod) => void): void => next(false as unknown as AnyAuthMethod); // ssh2: false = stop
  return (authsLeft, _partial, next) => {
    const offered = authsLeft ?? [];
    // A password that was just refused is not retried (and is forgotten).
    if (last === 'password') {
      o.secrets.passwords.delete(`${o.user}@${o.host}`);
      o.onFatal(
        new AuthError('wrong-password', `Permission denied: wrong password for ${o.user}@${o.host}.`),
      );
      giveUp(next);
      return;
    }
    const run = async (): Promise<AnyAuthMethod | false> => {
      while (index < steps.length) {
        const step = steps[index++];
        if (!step) break;
        if (offered.length > 0 && !offered.includes(step.method)) continue;
        const method = await step.attempt();
        if (method) {
          last = method.type === 'agent' ? 'publickey' : method.type;
          return method;
        }
      }
      o.onFatal(
        new AuthError(
          'no-method',
          `Permission denied for ${o.user}@${o.host}: no authentication method left (server offers: ${offered.join(', ') || 'unknown'}).`,
        ),
      );
      return false;
    };
    run().then(
      (m) => (m === false ? giveUp(next) : next(m)),
      (err: unknown) => {
        o.onFatal(err instanceof AuthError ? err : new AuthError('no-method', (err as Error).message));
        giveUp(next);
      },
    );
  };
}
