/**
 * Secrets out of everything that goes into a bundle (docs/doctor.md "Bundle"): private keys (any
 * PEM `PRIVATE KEY` block), kubeconfig credentials (`client-key-data`, `token`, `password`,
 * `id-token`, `refresh-token`), bearer values, kubeadm bootstrap tokens (`[a-z0-9]{6}.[a-z0-9]{16}`,
 * kubeadm's token format), flags and environment variables whose name says token, password,
 * secret or credential — in `--flag=value` and `--flag value` form, `NAME=value` strings,
 * YAML `- name: X` / `value: …` pairs and JSON `{"key": "X", "value": "…"}` pairs. Paths stay
 * (`--service-account-key-file=/etc/kubernetes/pki/sa.key` says where, not what). Each value
 * becomes `<redacted>`; the count is reported.
 */
export const REDACTED = '<redacted>';

const SECRET_WORD = /(token|password|passwd|secret|credential|bearer|api[-_]?key|private[-_]?key)/i;
const PATH_LIKE = /(file|path|dir|ttl|auth|audiences?|issuer|mode|name|ca)$/i;

export interface Redaction {
  text: string;
  count: number;
}

function isSecretName(name: string): boolean {
  return SECRET_WORD.test(name) && !PATH_LIKE.test(name);
}

export function redactText(input: string): Redaction {
  let count = 0;
  const hit = () => {
    count++;
    return REDACTED;
  };
  let text = input.replace(
    /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]*?(-----END \1-----|$)/g,
    (_m, kind: string) => `-----BEGIN ${kind}-----\n${hit()}\n-----END ${kind}-----`,
  );
  // kubeconfig / YAML credentials.
  text = text.replace(
    /^(\s*-?\s*"?(client-key-data|token|password|id-token|refresh-token|access-token|client-secret|secret)"?\s*:\s*)("?)([^\s"#][^"\n]*?)\3(\s*(#.*)?)$/gim,
    (_m, key: string, _k, q: string, _v, tail: string) => `${key}${q}${hit()}${q}${tail}`,
  );
  // JSON "key": "value" for secret-named keys.
  text = text.replace(
    /("([A-Za-z0-9_.-]+)"\s*:\s*")((?:[^"\\]|\\.)+)(")/g,
    (m, head: string, key: string, _v, end: string) =>
      isSecretName(key) || /^(client-key-data|token|password)$/i.test(key) ? `${head}${hit()}${end}` : m,
  );
  // JSON env pairs {"key": "NAME", "value": "…"} (crictl inspect's config.envs).
  text = text.replace(
    /("key"\s*:\s*"([^"]*)"\s*,\s*"value"\s*:\s*")((?:[^"\\]|\\.)*)(")/g,
    (m, head: string, name: string, _v, end: string) => (isSecretName(name) ? `${head}${hit()}${end}` : m),
  );
  // YAML env: `- name: NAME` followed by `value: …`.
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const name = /^\s*-?\s*name:\s*"?([A-Za-z0-9_.-]+)"?\s*$/.exec(lines[i] ?? '');
    if (!name || !isSecretName(name[1] as string)) continue;
    for (let j = i + 1; j < Math.min(lines.length, i + 4); j++) {
      const v = /^(\s*value:\s*)(.+)$/.exec(lines[j] ?? '');
      if (v) {
        lines[j] = `${v[1]}${hit()}`;
        break;
      }
    }
  }
  text = lines.join('\n');
  // --flag=value and "--flag" "value" (argv lists, YAML list items).
  text = text.replace(/(--([a-z0-9-]+)=)([^\s",'\]]+)/gi, (m, head: string, name: string, value: string) =>
    isSecretName(name) && !/^(true|false)$/i.test(value) ? `${head}${hit()}` : m,
  );
  text = text.replace(
    /((?:^|[\s"'[,])--([a-z0-9-]+)["']?(?:\s*,\s*|\s+|\n\s*-\s*)["']?)([^\s"',\]-][^\s"',\]]*)/gi,
    (m, head: string, name: string, value: string) =>
      isSecretName(name) && !/^(true|false)$/i.test(value) && !value.startsWith('/') ? `${head}${hit()}` : m,
  );
  // NAME=value environment strings.
  text = text.replace(/\b([A-Z][A-Z0-9_]*)=([^\s"',\]]+)/g, (m, name: string) =>
    isSecretName(name) ? `${name}=${hit()}` : m,
  );
  // Bearer values and bootstrap tokens anywhere.
  text = text.replace(/\b(Bearer\s+)([A-Za-z0-9._~+/=-]{8,})/g, (_m, head: string) => `${head}${hit()}`);
  text = text.replace(/\b[a-z0-9]{6}\.[a-z0-9]{16}\b/g, () => hit());
  return { text, count };
}
