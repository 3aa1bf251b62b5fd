/**
 * k8s.io/apimachinery pkg/util/validation/field: an error is "<path>: <type>[: <value>][: <detail>]"
 * (errors.go Error.Error / ErrorBody) and the kubelet joins a list as Go prints a slice:
 * "invalid pod: [e1 e2]" (common.go tryDecodeSinglePod, `fmt.Errorf("invalid pod: %v", errs)`).
 */
export type FieldValue = string | number | bigint | boolean | null | { goSyntax: string };

export interface FieldError {
  type:
    | 'Required value'
    | 'Invalid value'
    | 'Not found'
    | 'Duplicate value'
    | 'Unsupported value'
    | 'Forbidden'
    | 'Too long';
  field: string;
  value?: FieldValue;
  detail?: string;
}

/** Go's %q: printable characters stay, the rest is escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if ((cp >= 0x80 && cp < 0xa0) || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff || cp === 0xad)
      out +=
        cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export function formatFieldError(e: FieldError): string {
  let body: string = e.type;
  const bodyHasValue = !['Required value', 'Forbidden', 'Too long'].includes(e.type);
  if (bodyHasValue && e.value !== undefined) {
    const v = e.value;
    const shown =
      v === null
        ? 'null'
        : typeof v === 'string'
          ? goQuote(v)
          : typeof v === 'object'
            ? v.goSyntax
            : String(v);
    body += `: ${shown}`;
  }
  if (e.detail) body += `: ${e.detail}`;
  return `${e.field}: ${body}`;
}

export function formatInvalidPod(errors: FieldError[]): string {
  return `invalid pod: [${errors.map(formatFieldError).join(' ')}]`;
}

export const required = (field: string, detail = ''): FieldError => ({
  type: 'Required value',
  field,
  detail,
});
export const invalid = (field: string, value: FieldValue, detail: string): FieldError => ({
  type: 'Invalid value',
  field,
  value,
  detail,
});
export const notFound = (field: string, value: FieldValue): FieldError => ({
  type: 'Not found',
  field,
  value,
});
export const duplicate = (field: string, value: FieldValue): FieldError => ({
  type: 'Duplicate value',
  field,
  value,
});
export const forbidden = (field: string, detail: string): FieldError => ({
  type: 'Forbidden',
  field,
  detail,
});
/** field.NotSupported: the valid values quoted and joined (sorted where the caller sorted them). */
export const notSupported = (field: string, value: FieldValue, valid: string[]): FieldError => ({
  type: 'Unsupported value',
  field,
  value,
  detail: valid.length > 0 ? `supported values: ${valid.map((v) => goQuote(v)).join(', ')}` : undefined,
});
