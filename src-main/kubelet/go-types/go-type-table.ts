/**
 * The Go types a manifest is decoded into, per Kubernetes minor version (generated from
 * k8s.io/api and k8s.io/apimachinery by scripts/generate-pod-go-types.mjs into pod-go-types.ts).
 *
 * Type syntax: Go's, with package-qualified names: `string`, `*int64`, `[]core.Container`,
 * `map[string]string`, `core.ResourceList`, `meta.Time`, `resource.Quantity`,
 * `intstr.IntOrString`, `types.UID`. `core.` and `meta.` both print as `v1.` in Go's errors.
 */
export interface GoField {
  /** The JSON name; absent for an inline (embedded) struct. */
  json?: string;
  type?: string;
  /** An embedded struct whose fields are promoted (`json:",inline"`). */
  inline?: string;
  since?: number;
  until?: number;
}

export interface GoStruct {
  since?: number;
  until?: number;
  fields: GoField[];
}

export interface GoTypeTable {
  minors: number[];
  structs: Record<string, GoStruct>;
  named: Record<string, string>;
}

const present = (item: { since?: number; until?: number }, minor: number) =>
  (item.since === undefined || minor >= item.since) && (item.until === undefined || minor <= item.until);

/** A struct's JSON fields in one version, inline structs flattened (Go promotes their fields). */
export function structFields(table: GoTypeTable, id: string, minor: number): Map<string, string> {
  const out = new Map<string, string>();
  const struct = table.structs[id];
  if (!struct) return out;
  for (const f of struct.fields) {
    if (!present(f, minor)) continue;
    if (f.inline) {
      for (const [name, type] of structFields(table, f.inline, minor))
        if (!out.has(name)) out.set(name, type);
    } else if (f.json && f.type) out.set(f.json, f.type);
  }
  return out;
}

/** The minor versions the table covers, clamped: a newer kubelet is judged by the newest types. */
export function tableMinor(table: GoTypeTable, minor: number): number {
  const list = table.minors;
  if (minor < list[0]) return list[0];
  if (minor > list[list.length - 1]) return list[list.length - 1];
  return minor;
}

/** How Go's reflect prints a type in "of type …": packages core and meta are both `v1`. */
export function goTypeName(type: string): string {
  return type.replace(/\bcore\./g, 'v1.').replace(/\bmeta\./g, 'v1.');
}
