/**
 * Recognising kubectl failures on stderr, so the UI can say "the API server is down"
 * instead of showing raw text. Matters most for static pods: a broken kube-apiserver
 * manifest takes the API server away entirely (docs/kubelet.md §1.7), and then every
 * kubectl call fails with one of the connection messages below.
 *
 * Newer kubectl first prints klog lines (`E0101 … memcache.go:265] couldn't get current
 * server API group list: …`) and then the summary line; the summary decides the kind.
 */
import type { KubectlError, KubectlErrorKind } from '../../contract/domain/pods';

interface Rule {
  kind: KubectlErrorKind;
  re: RegExp;
}

const RULES: Rule[] = [
  { kind: 'connection-refused', re: /^The connection to the server (\S+?) was refused/ },
  { kind: 'unreachable', re: /^Unable to connect to the server(?::\s*(.*))?/ },
  { kind: 'unauthorized', re: /^error: You must be logged in to the server/ },
  { kind: 'unauthorized', re: /^Error from server \((Unauthorized)\)/ },
  { kind: 'not-found', re: /^Error from server \((NotFound)\)/ },
  { kind: 'forbidden', re: /^Error from server \((Forbidden)\)/ },
  // HTTP 422 (reason Invalid) is printed without "Error from server": `The <Kind> "<name>" is
  // invalid: <field>: <cause>` or `The request is invalid[: …]` (kubectl/pkg/cmd/util/helpers.go,
  // checkErr), e.g. a pod spec change: `The Pod "x" is invalid: spec: Forbidden: pod updates …`.
  { kind: 'invalid', re: /^The (?:\S+ ".*"|request) is invalid\b/ },
  { kind: 'server-error', re: /^Error from server(?: \((\w+)\))?/ },
  { kind: 'no-resources', re: /^No resources found/ },
];

/** The recognised error in kubectl's stderr, or null if stderr holds none. */
export function parseKubectlError(stderr: string): KubectlError | null {
  const lines = stderr
    .split('\n')
    .map((l) => l.replace(/\r$/, '').trim())
    .filter((l) => l !== '');
  for (const rule of RULES) {
    for (const line of lines) {
      const m = rule.re.exec(line);
      if (!m) continue;
      return {
        kind: rule.kind,
        message: line,
        server: serverOf(rule.kind, line, m),
        reason: reasonOf(line),
      };
    }
  }
  const other = lines.find((l) => /^(error|Error)\b/.test(l));
  return other === undefined ? null : { kind: 'unknown', message: other, server: null, reason: null };
}

function serverOf(kind: KubectlErrorKind, line: string, m: RegExpExecArray): string | null {
  if (kind === 'connection-refused') return m[1] ?? null;
  if (kind === 'unreachable') {
    // `Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout`
    // `Unable to connect to the server: Get "https://10.0.0.1:6443/api?timeout=32s": …`
    const hostPort = /(?:dial tcp |https?:\/\/)(\[[^\]]+\]:\d+|[\w.-]+:\d+)/.exec(line);
    return hostPort?.[1] ?? null;
  }
  return null;
}

function reasonOf(line: string): string | null {
  if (/^The (?:\S+ ".*"|request) is invalid\b/.test(line)) return 'Invalid';
  return /^Error from server \((\w+)\)/.exec(line)?.[1] ?? null;
}
