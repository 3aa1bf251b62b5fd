# Shell helpers of the fixed manifest scripts (script-helpers.ts). They run after the batch
# prologue (the save runs without it), so their output uses the same frames and
# parseBatchOutput reads it: `emit NAME VALUE` and `emitfile NAME PATH` print one section whose
# stdout is the value (base64 on the wire, so any byte survives).
#
# `step N` marks the start of step N of a write (see script-helpers.ts); with the test-only hook
# ($HOOK non-empty and $HOOKAT = N) it creates `$HOOK.N` and waits, at most ~10 s, until the test
# removes it. A script that marks steps (the save) sets HOOK ('' in production) and HOOKAT.
# shellcheck disable=SC2154 # HOOK and HOOKAT are set by the script that runs these helpers

emit() {
  printf '@@ks %s 0\n' "$1"
  printf %s "$2" | base64 -w0
  echo
  echo
}

emitfile() {
  printf '@@ks %s 0\n' "$1"
  base64 -w0 <"$2"
  echo
  echo
}

# A write's end when it cannot go on: `status` STATUS and `message` MESSAGE, then exit (the
# frames tell the app what happened; the exit status does not).
fail() {
  emit status "$1"
  emit message "$2"
  exit 0
}

sha() {
  sha256sum <"$1" | cut -c1-64
}

# The save's hot path forks as little as it can (each fork+exec costs ms on a loaded node):
# `digest F` sets $h with one process, and a step's frame is printed by the shell itself (the
# base64 of N worked out here: `emit step N` would print the same).
digest() {
  h=$(sha256sum <"$1") || h=
  h=${h%% *}
}

step() {
  case $1 in
    1) printf '@@ks step 0\nMQ==\n\n' ;;
    2) printf '@@ks step 0\nMg==\n\n' ;;
    3) printf '@@ks step 0\nMw==\n\n' ;;
    4) printf '@@ks step 0\nNA==\n\n' ;;
    5) printf '@@ks step 0\nNQ==\n\n' ;;
    6) printf '@@ks step 0\nNg==\n\n' ;;
    7) printf '@@ks step 0\nNw==\n\n' ;;
    8) printf '@@ks step 0\nOA==\n\n' ;;
    *) emit step "$1" ;;
  esac
  if [ -n "$HOOK" ] && [ "$HOOKAT" = "$1" ]; then
    : >"$HOOK.$1"
    i=0
    while [ -e "$HOOK.$1" ] && [ "$i" -lt 1000 ]; do
      sleep 0.01
      i=$((i + 1))
    done
  fi
}

# A new directory `$1-<UTC stamp>[.N]` (0700) where `$2` is not taken yet, in $d: a stamp like
# kubeadm's backup directories (docs/kubelet.md §7), made unique per manifest name.
newdir() {
  s=$(date -u +%Y-%m-%d-%H-%M-%S)
  d="$1-$s"
  n=0
  while [ -e "$d/$2" ]; do
    n=$((n + 1))
    d="$1-$s.$n"
  done
  # shellcheck disable=SC2174 # $1's directory exists (the scripts make it first): only $d is new
  mkdir -p -m 0700 -- "$d" || return 1
}
