// The one place where an argv becomes the command string sshd hands to the login shell.
import DIE_WITH_CHANNEL_SCRIPT from './die-with-channel.sh';

// docs/security.md › Commands on a node: "sshd runs the command string through the user's login
// shell, which may be fish or tcsh. Build commands from argv in one place, with a fixed form whose
// arguments no shell can interpret (… `exec /bin/sh -c '<fixed script>' sh <base64 args>` …)".
//
// The form is `exec /bin/sh -c '<DECODE_SCRIPT>' sh _<b64> _<b64> …`:
// - The script is fixed, one line, ASCII, with no backslash, newline, `!` or single quote:
//   fish interprets `\\` and `\'` inside single quotes, tcsh rejects a newline inside quotes and
//   expands `!` (history) in some modes. Every login shell passes it to /bin/sh verbatim.
// - Each argument is `_` + base64: only [A-Za-z0-9+/=_], nothing any shell expands, never empty
//   (an empty word would vanish), never starting with `-`, `~` or `=` (zsh expands `=cmd`).
// - /bin/sh decodes each one with coreutils/busybox `base64 -d`; `$(…; echo x)` then `${v%x}`
//   keeps trailing newlines, and sh variables carry any byte except NUL (argv cannot hold NUL).

/**
 * Fixed decoder script run by /bin/sh. See the file comment for the character rules. It is the
 * one script that stays a string here: it is the command line itself, sent through the login
 * shell, so it must be one line of plain ASCII without `\\`, `'`, `!` or newline; every other
 * node-side script is a readable .sh file passed as a (base64) argument, which no login shell
 * ever reads (die-with-channel.sh, node/batch/batch-prologue.sh …).
 */
export const DECODE_SCRIPT =
  'command -v base64 >/dev/null 2>&1 || { echo "kubelet-studio: base64 not found on the node" >&2; exit 127; }; ' +
  'for a in "$@"; do v=$(printf %s "${a#_}" | base64 -d; echo x); set -- "$@" "${v%x}"; shift; done; ' +
  'exec "$@"';

export type ArgvInput = ReadonlyArray<string | Buffer>;

function toBytes(arg: string | Buffer): Buffer {
  const b = typeof arg === 'string' ? Buffer.from(arg, 'utf8') : arg;
  if (b.includes(0)) throw new Error('an argument cannot contain a NUL byte');
  return b;
}

/**
 * The command string for sshd's `exec` request. `argv[0]` is the program (looked up in the
 * node's PATH by /bin/sh); every argument reaches it byte for byte.
 */
export function toRemoteCommand(argv: ArgvInput): string {
  if (argv.length === 0) throw new Error('argv is empty');
  const words = argv.map((a) => `_${toBytes(a).toString('base64')}`);
  return `exec /bin/sh -c '${DECODE_SCRIPT}' sh ${words.join(' ')}`;
}

/**
 * Wraps argv so the command dies with its channel (docs/security.md › SSH: "Closing an exec channel
 * without a pty sends no signal: a `journalctl -f` outlives us unless we signal it or run it so
 * that it dies with its channel"). No pty (it would mangle binary output and CRLF): a watcher on
 * the channel's stdin stops the command's process group at EOF (die-with-channel.sh). So the
 * caller keeps the channel's stdin open while it wants the command, and closes the channel to
 * stop it. `stdinBytes` is the length of the payload the caller writes first (the command's
 * whole stdin), or null for none (the command reads /dev/null).
 */
export function channelBoundArgv(argv: ArgvInput, stdinBytes: number | null): Array<string | Buffer> {
  if (stdinBytes !== null && !(Number.isSafeInteger(stdinBytes) && stdinBytes >= 0))
    throw new Error('stdinBytes must be a byte count');
  return [
    '/bin/sh',
    '-c',
    DIE_WITH_CHANNEL_SCRIPT,
    'sh',
    stdinBytes === null ? '-' : String(stdinBytes),
    ...argv,
  ];
}
