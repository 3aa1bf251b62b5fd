/**
 * The doctor's second round trip: what needs the first one's answers.
 *
 * - What each port serves, read on the node itself (so from the node's network view):
 *   `openssl s_client` when the node has openssl, else python3's `ssl.get_server_certificate`;
 *   only the leaf certificate is kept. The tool used is the section's first line, so a view can
 *   say which one read it.
 * - The kubelet's `/healthz` (healthzBindAddress:healthzPort, 127.0.0.1:10248 by default
 *   [src: pkg/kubelet/apis/config/v1beta1/defaults.go]) with curl, wget or python3.
 * - The CNI configuration directory the runtime reads (crictl info's `confDir`, containerd's
 *   default /etc/cni/net.d): every entry with its type and size.
 * - etcd through `crictl exec` into the running etcd container, with the certificate paths of
 *   the etcd manifest: etcdctl ships in the etcd image, so nothing is installed on the node
 *   (etcd-commands.ts).
 */
import { batchArgv } from '../batch/batch-script';
import type { NodeCommand } from '../session/node-command';
import type { DoctorPaths } from './doctor-paths';
import { ETCDCTL_QUERIES, type EtcdctlTarget } from '../etcd/etcd-commands';

export interface PortProbe {
  port: number;
  host: string;
  component: string;
}

export interface ProbeInput {
  paths: DoctorPaths;
  ports: PortProbe[];
  healthz: { host: string; port: number };
  cniDir: string;
  etcd: EtcdctlTarget | null;
}

/**
 * `tlsget HOST PORT`: prints the tool's name on the first line, then the served leaf
 * certificate in PEM. openssl's own messages go to stderr (why a connection failed).
 */
const TLS_FUNCTION =
  'tlsget() { if command -v openssl >/dev/null 2>&1; then echo "openssl s_client"; ' +
  '_o=$(timeout 8 openssl s_client -connect "$1:$2" </dev/null 2>"$t/tls") ; _c=$?; ' +
  'printf "%s\\n" "$_o" | sed -n "/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p"; ' +
  'grep -v "^depth=\\|^verify \\|^DONE" "$t/tls" | tail -n 3 >&2; return $_c; ' +
  'elif command -v python3 >/dev/null 2>&1; then echo "python3 ssl"; ' +
  'python3 -c "import socket,ssl,sys; socket.setdefaulttimeout(8); print(ssl.get_server_certificate((sys.argv[1], int(sys.argv[2]))))" "$1" "$2"; ' +
  'else echo "neither openssl nor python3 on the node" >&2; return 127; fi; }; ';

const HEALTHZ_FUNCTION =
  'hz() { _u="http://$1:$2/healthz"; if command -v curl >/dev/null 2>&1; then echo curl; curl -sS -m 5 "$_u"; ' +
  'elif command -v wget >/dev/null 2>&1; then echo wget; wget -q -T 5 -O - "$_u"; ' +
  'elif command -v python3 >/dev/null 2>&1; then echo python3; python3 -c "import sys,urllib.request as u; print(u.urlopen(sys.argv[1], timeout=5).read().decode())" "$_u"; ' +
  'else echo "neither curl, wget nor python3 on the node" >&2; return 127; fi; }; ';

/** `lscni DIR`: `<type> <size> <name>` per entry, or exit 3 when the directory does not exist. */
const CNI_FUNCTION =
  'lscni() { [ -d "$1" ] || return 3; for _p in "$1"/* "$1"/.[!.]*; do [ -e "$_p" ] || continue; ' +
  'if [ -d "$_p" ]; then _y=d; elif [ -f "$_p" ]; then _y=f; else _y=o; fi; ' +
  'printf "%s %s %s\\n" "$_y" "$(wc -c <"$_p" 2>/dev/null || echo 0)" "${_p##*/}"; done; return 0; }; ';

/**
 * $1 crictl, $2 crictl subcommand, $3 healthz host, $4 healthz port, $5 CNI dir,
 * $6 etcd endpoint ('' for no etcd), $7 cacert, $8 cert, $9 key, then HOST PORT pairs.
 */
const BODY =
  TLS_FUNCTION +
  HEALTHZ_FUNCTION +
  CNI_FUNCTION +
  'CR=$1; CRS=$2; cr() { if [ -n "$CRS" ]; then "$CR" "$CRS" "$@"; else "$CR" "$@"; fi; }; ' +
  'sec healthz hz "$3" "$4"; ' +
  'sec cni lscni "$5"; ' +
  'EP=$6; CA=$7; CE=$8; KE=$9; shift 9; ' +
  'if [ -n "$EP" ]; then ' +
  'eid=$(cr ps --name "^etcd\\$" --state Running -q 2>"$t/eid" | head -n 1); ' +
  'if [ -z "$eid" ]; then sec etcdid sh -c "cat \\"\\$1\\" >&2; exit 4" sh "$t/eid"; else ' +
  'ex() { cr exec -s --timeout 15 "$eid" etcdctl --endpoints="$EP" --cacert="$CA" --cert="$CE" --key="$KE" --command-timeout=5s "$@"; }; ' +
  ETCDCTL_QUERIES.map((q) => `sec ${q.section} ex ${q.args.join(' ')}; `).join('') +
  'fi; fi; ' +
  'i=0; while [ $# -ge 2 ]; do i=$((i+1)); sec "port$i" tlsget "$1" "$2"; shift 2; done';

export function doctorProbeCommand(input: ProbeInput): NodeCommand {
  const etcd = input.etcd;
  return {
    purpose: 'read what the control-plane ports serve, the kubelet health and etcd for the doctor',
    argv: batchArgv(BODY, [
      input.paths.crictl[0] ?? 'crictl',
      input.paths.crictl[1] ?? '',
      input.healthz.host,
      String(input.healthz.port),
      input.cniDir,
      etcd?.endpoint ?? '',
      etcd?.cacert ?? '',
      etcd?.cert ?? '',
      etcd?.key ?? '',
      ...input.ports.flatMap((p) => [p.host, String(p.port)]),
    ]),
    privileged: true,
    timeoutMs: 90_000,
  };
}
