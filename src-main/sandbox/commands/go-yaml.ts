/**
 * YAML the way Go tools print it: kubectl's `-o yaml` and crictl's `-o yaml` both go through
 * sigs.k8s.io/yaml (JSON → map → go-yaml v2), so keys are sorted at every level, sequences are
 * not indented under their key, and a string that YAML 1.1 would read as another type
 * (`"True"`, `"1287"`, `"2024-05-30T01:23:44Z"`, `""`) is double-quoted, while a string that
 * merely cannot be plain is single-quoted — as in
 * ../fixtures/real/kubectl-mirror-pod-kube-scheduler-v1.29.yaml (docs/kubelet.md §4.1).
 */
import { Document, Scalar, visit } from 'yaml';
import type { PlainJson } from './protojson';

const YAML11_NON_STRING = [
  /^$/,
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(~|null|Null|NULL)$/,
  /^[-+]?(0b[01_]+|0[0-7_]+|(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+)$/,
  /^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?$/,
  /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*$/,
  /^[-+]?\.(inf|Inf|INF)$/,
  /^\.(nan|NaN|NAN)$/,
  /^\d{4}-\d\d?-\d\d?([Tt ]|$)/,
  /^<<$/,
];

/** Whether go-yaml v2 would have to quote this string to keep it a string. */
export function yaml11NeedsQuotes(s: string): boolean {
  return YAML11_NON_STRING.some((re) => re.test(s));
}

export function goYamlStringify(value: PlainJson): string {
  const doc = new Document(value, { sortMapEntries: true });
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value === 'string' && yaml11NeedsQuotes(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return goYamlFold(doc.toString({ indentSeq: false, singleQuote: true, lineWidth: 0 }));
}

/**
 * go-yaml's line folding of plain and single-quoted scalars: it lets a line run past the best
 * width (80) and breaks at the first single space found *after* column 80 — unlike the yaml
 * package, which breaks before. Compare the two long `message` values in
 * ../fixtures/real/kubectl-mirror-pod-kube-scheduler-v1.29.yaml.
 */
export function goYamlFold(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const m = /^( *(?:- )*)([^ '"-][^:]*?: |"[^"]*": )?(.*)$/.exec(line);
      if (!m || line.length <= 80) return line;
      const [, lead, key = '', value] = m;
      if (value === '' || /^["|>{[&*!]/.test(value)) return line;
      if (value.startsWith("'") !== value.endsWith("'")) return line;
      const indent = ' '.repeat(lead.length + (key ? 2 : 0));
      let out = lead + key;
      let column = out.length;
      for (let i = 0; i < value.length; i++) {
        const ch = value[i];
        if (
          ch === ' ' &&
          value[i - 1] !== ' ' &&
          value[i + 1] !== ' ' &&
          i + 1 < value.length &&
          column > 80
        ) {
          out += '\n' + indent;
          column = indent.length;
          continue;
        }
        out += ch;
        column++;
      }
      return out;
    })
    .join('\n');
}
