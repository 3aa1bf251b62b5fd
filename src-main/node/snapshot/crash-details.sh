# The last attempt of each crash-looping container (crash-details-command.ts), after the batch
# prologue. $1 the number of log lines, then the container ids; sections inspectN and logsN,
# N from 1. crictl logs writes the container's stderr to its own stderr: merged here, in order.
tail=$1
shift

lg() {
  crictl logs --tail="$tail" -- "$1" 2>&1
}

i=0
for id in "$@"; do
  i=$((i + 1))
  sec "inspect$i" crictl inspect "$id"
  sec "logs$i" lg "$id"
done
