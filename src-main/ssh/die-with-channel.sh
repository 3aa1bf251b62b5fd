# Runs a command so that it dies with its channel (command-line.ts, channelBoundArgv).
#
# Closing an SSH exec channel without a pty sends the command no signal (docs/security.md
# "SSH"): a `journalctl -f`, or a script stuck on a hung crictl, would outlive the app. So a
# watcher reads the channel's stdin, which sshd closes when the channel closes or the
# connection drops; at its end the watcher stops the command and everything it started: TERM
# to the command's process group, KILL to what is left 3 s later. The app keeps the channel's stdin open
# until it is done with the command (its exit, a timeout, a cancel, a closed stream).
#
# Usage: /bin/sh -c <this script> sh SIZE COMMAND [ARG...]
#   SIZE is "-" when the command reads no input (its stdin is /dev/null), else the number of
#   bytes the app writes first on the channel's stdin: they are the command's whole stdin,
#   passed through a FIFO so that the watcher alone reads what follows (the end).
# The command runs in a session of its own (setsid, where the node has it), so its process
# group is exactly what it started. Exits with the command's status.

size=$1
shift
scratch=
exec 3<&0 0</dev/null

if [ "$size" = - ]; then
  input=/dev/null
else
  scratch=$(mktemp -d) || exit 70
  input=$scratch/stdin
  mkfifo -m 600 "$input" || exit 70
fi

if command -v setsid >/dev/null 2>&1; then
  setsid "$@" <"$input" 3<&- &
  pid=$!
  group=-$pid
else
  "$@" <"$input" 3<&- &
  pid=$!
  group=$pid
fi

{
  # Stopped by the shell below when the command ends first: then its reader goes too.
  reader=
  trap 'kill "$reader"; exit 0' TERM
  if [ -n "$scratch" ]; then
    head -c "$size" >"$input"
    rm -rf -- "$scratch"
  fi
  cat <&3 >/dev/null &
  reader=$!
  wait "$reader"
  # The channel is gone. Stop the command's group; this watcher finishes the job even if the
  # shell below, seeing the command end, tries to stop it.
  trap '' TERM
  kill -TERM "$group" || exit 0
  i=0
  while kill -0 "$group" && [ "$i" -lt 30 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  kill -KILL "$group"
} <&3 >/dev/null 2>&1 &
watcher=$!
exec 3<&-

wait "$pid"
status=$?
kill "$watcher" 2>/dev/null
# What the command left running in its group ends with it (a reaped pid alone is not signalled:
# it may be reused).
[ "$group" = "$pid" ] || kill -TERM "$group" 2>/dev/null
[ -z "$scratch" ] || rm -rf -- "$scratch"
exit "$status"
