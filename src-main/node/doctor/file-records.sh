# Files read by one batch section, one line each: `<base64 path> <base64 content>`
# (file-records.ts). base64 keeps any name or byte from breaking the lines; the content is capped
# on the node (`head -c`), so one huge file cannot fill the core's memory.

# CERTIFICATE blocks only: a private key never leaves the node.
certs() {
  sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p'
}

# `fr MAXBYTES FILTER PATH…`: FILTER is `cat` or `certs`; paths that are not files are skipped.
fr() {
  _m=$1
  _f=$2
  shift 2
  for _p do
    [ -f "$_p" ] || continue
    printf '%s ' "$(printf %s "$_p" | base64 -w0)"
    head -c "$_m" -- "$_p" | $_f | base64 -w0
    echo
  done
  return 0
}
