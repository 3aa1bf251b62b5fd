# The start of every batch script (batch-script.ts). `sec NAME CMD...` runs CMD (a program or a
# function of the script) and prints one frame:
#   @@ks NAME EXITCODE
#   <stdout, base64, one line>
#   <stderr, base64, one line>
# The scratch directory goes when the script ends, also when the node stops it (TERM, HUP: the
# channel is gone, ssh/die-with-channel.sh).
t=$(mktemp -d) || exit 70
trap 'rm -rf "$t"' EXIT
trap 'exit 129' HUP
trap 'exit 143' TERM

sec() {
  n=$1
  shift
  "$@" >"$t/o" 2>"$t/e" </dev/null
  c=$?
  printf '@@ks %s %s\n' "$n" "$c"
  base64 -w0 <"$t/o"
  echo
  base64 -w0 <"$t/e"
  echo
}
