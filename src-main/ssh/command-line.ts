// The one place where an argv becomes the command string sshd hands to the login shell.
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

/** Fixed decoder script run by /bin/sh. See the file comment for the character rules. */
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
 * that it dies with its channel").
 *
 * Choice: no pty (a pty would mangle binary output and CRLF). Instead a watcher reads the
 * channel's stdin; sshd closes that pipe when the channel closes or the connection drops, so
 * the watcher's `cat` sees EOF and sends TERM (then KILL after 3 s) to the command. The command
 * itself gets /dev/null as stdin, so a followed stream cannot take a stdin payload.
 * The shell waits for the command and exits with its status; then it stops the watcher.
 */
export const FOLLOW_SCRIPT =
  'exec 3<&0 0</dev/null; ' +
  '"$@" 3<&- & p=$!; ' +
  '{ cat <&3 >/dev/null 2>&1; kill -TERM "$p"; sleep 3; kill -KILL "$p"; } >/dev/null 2>&1 & w=$!; ' +
  'exec 3<&-; wait "$p"; s=$?; kill "$w" 2>/dev/null; exit "$s"';

export function followArgv(argv: ArgvInput): Array<string | Buffer> {
  return ['/bin/sh', '-c', FOLLOW_SCRIPT, 'sh', ...argv];
}
