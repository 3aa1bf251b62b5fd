// A stand-in for sudo, for unit-testing the sudo wire protocol without touching the host's users.
// It behaves like sudo 1.9 where the protocol depends on it: `-n` never prompts, `-S -p PROMPT`
// writes PROMPT to stderr and reads one line from stdin (dash `read` takes one byte at a time, so
// the rest of stdin stays for the command, as with sudo's tgetpass), "Sorry, try again." and a new
// prompt on a wrong password. Every line it reads as a password is appended to $FAKE_SUDO_LOG.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = `#!/bin/dash
mode=$FAKE_SUDO_MODE
if [ "$1" = -n ]; then
  shift
  [ "$mode" = nopasswd ] && exec "$@"
  echo "sudo: a password is required" >&2; exit 1
fi
[ "$1" = -S ] && shift
[ "$1" = -p ] && { prompt=$2; shift 2; }
[ "$1" = -- ] && shift
if [ "$mode" != nopasswd ]; then
  n=0
  while :; do
    printf %s "$prompt" >&2
    IFS= read -r pw || { echo "sudo: no password was provided" >&2; exit 1; }
    printf '%s\\n' "$pw" >> "$FAKE_SUDO_LOG"
    [ "$pw" = "$FAKE_SUDO_PW" ] && break
    n=$((n+1))
    [ $n -ge 3 ] && { echo "sudo: 3 incorrect password attempts" >&2; exit 1; }
    echo "Sorry, try again." >&2
  done
  [ "$mode" = none ] && { echo "ks-user is not in the sudoers file." >&2; exit 1; }
fi
exec "$@"
`;

/** A directory holding `sudo`, to put first in PATH. */
export function makeFakeSudoDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ks-fakesudo-'));
  writeFileSync(join(dir, 'sudo'), SCRIPT);
  chmodSync(join(dir, 'sudo'), 0o755);
  return dir;
}
