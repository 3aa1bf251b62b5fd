# The doctor's second round trip (probe-commands.ts), after the batch prologue and cr
# (crictl-function.sh).
# $1 crictl, $2 crictl's subcommand ('' for none), $3 healthz host ('' not to ask), $4 healthz port, $5 CNI dir,
# $6 etcd endpoint ('' for no etcd), $7 its CA, $8 client certificate, $9 key, then HOST PORT
# pairs to read the served certificate of.
# shellcheck disable=SC2154 # $t is the prologue's scratch directory
# shellcheck disable=SC2034 # CR and CRS are read by cr (crictl-function.sh)
CR=$1 CRS=$2

# `tlsget HOST PORT`: the tool's name on the first line, then the served leaf certificate in
# PEM. openssl's own messages go to stderr (why a connection failed).
tlsget() {
  if command -v openssl >/dev/null 2>&1; then
    echo "openssl s_client"
    _o=$(timeout 8 openssl s_client -connect "$1:$2" </dev/null 2>"$t/tls")
    _c=$?
    printf '%s\n' "$_o" | sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p'
    grep -v '^depth=\|^verify \|^DONE' "$t/tls" | tail -n 3 >&2
    return $_c
  elif command -v python3 >/dev/null 2>&1; then
    echo "python3 ssl"
    python3 -c 'import socket,ssl,sys; socket.setdefaulttimeout(8); print(ssl.get_server_certificate((sys.argv[1], int(sys.argv[2]))))' "$1" "$2"
  else
    echo "neither openssl nor python3 on the node" >&2
    return 127
  fi
}

# `hz HOST PORT`: the tool's name, then the kubelet's /healthz answer. The tool's connection
# messages go to stderr (curl -v's `connect to ... failed: Connection refused`, wget's
# `failed: Connection refused.`), so a refused connection can be told from no answer
# (probe-outcome.ts).
hz() {
  _u="http://$1:$2/healthz"
  if command -v curl >/dev/null 2>&1; then
    echo curl
    curl -sS -v -m 5 "$_u" 2>"$t/hz"
    _c=$?
    grep -E '^\* connect to .* failed|^curl: \(' "$t/hz" | tail -n 2 >&2
    return $_c
  elif command -v wget >/dev/null 2>&1; then
    echo wget
    wget -O - -T 5 -t 1 "$_u" 2>"$t/hz"
    _c=$?
    grep -E 'failed|timed out|ERROR' "$t/hz" | tail -n 2 >&2
    return $_c
  elif command -v python3 >/dev/null 2>&1; then
    echo python3
    python3 -c 'import sys,urllib.request as u; print(u.urlopen(sys.argv[1], timeout=5).read().decode())' "$_u"
  else
    echo "neither curl, wget nor python3 on the node" >&2
    return 127
  fi
}

# `lscni DIR`: `<type> <size> <name>` per entry, or exit 3 when the directory does not exist.
lscni() {
  [ -d "$1" ] || return 3
  for _p in "$1"/* "$1"/.[!.]*; do
    [ -e "$_p" ] || continue
    _s=0
    if [ -d "$_p" ]; then
      _y=d
    elif [ -f "$_p" ]; then
      _y=f
      _s=$(wc -c <"$_p" 2>/dev/null) || _s=0
    else
      _y=o
    fi
    printf '%s %s %s\n' "$_y" "$_s" "${_p##*/}"
  done
  return 0
}

# No running etcd container: crictl's own message, exit 4.
noetcd() {
  cat "$t/eid" >&2
  return 4
}

# etcdctl in the etcd container (etcd-commands.ts), with the manifest's TLS files.
ex() {
  cr exec -s --timeout 15 "$eid" etcdctl --endpoints="$EP" --cacert="$CA" --cert="$CE" --key="$KE" --command-timeout=5s "$@"
}

if [ -n "$3" ]; then
  sec healthz hz "$3" "$4"
fi
sec cni lscni "$5"
EP=$6
CA=$7
CE=$8
KE=$9
shift 9
if [ -n "$EP" ]; then
  eid=$(cr ps --name '^etcd$' --state Running -q 2>"$t/eid" | head -n 1)
  if [ -z "$eid" ]; then
    sec etcdid noetcd
  else
    sec etcdmembers ex member list -w json
    sec etcdstatus ex endpoint status -w json
    sec etcdhealth ex endpoint health --cluster -w json
    sec etcdalarms ex alarm list -w json
  fi
fi
i=0
while [ $# -ge 2 ]; do
  i=$((i + 1))
  sec "port$i" tlsget "$1" "$2"
  shift 2
done
