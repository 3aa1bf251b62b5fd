# crictl with its stderr merged into its stdout, in the order written (container-commands.ts):
# `crictl logs` writes the container's stderr lines to its own stderr.
exec crictl "$@" 2>&1
