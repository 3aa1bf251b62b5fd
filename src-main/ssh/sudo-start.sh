# Runs under sudo, as root (sudo.ts): prints the start marker ($0) on stdout, then becomes the
# command. The caller writes a payload only after it has seen the marker, so sudo can never read
# the payload as a password, nor the command the password.
printf '%s\n' "$0"
exec "$@"
