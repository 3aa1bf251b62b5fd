# `cr ARGS…`: crictl by its argv prefix as discovery found it: $CR, followed by $CRS when crictl
# is a subcommand of a multi-call binary (`k3s crictl`), '' otherwise. The script sets both.
cr() {
  if [ -n "$CRS" ]; then "$CR" "$CRS" "$@"; else "$CR" "$@"; fi
}
