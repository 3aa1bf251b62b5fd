/**
 * A JSON document as Go's encoding/json sees it: object members keep their order and their
 * duplicates (a repeated key is decoded again into the same field, the last one winning), and
 * numbers keep their literal text (Go parses `1e2` or `80.0` differently for an int32 than for a
 * float64, and reports the literal in its errors).
 */
export type JsonNode =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'number'; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'object'; members: Array<[string, JsonNode]> };

/** encoding/json's name for a JSON value's kind in UnmarshalTypeError ("cannot unmarshal bool …"). */
export function jsonKindWord(node: JsonNode): string {
  switch (node.kind) {
    case 'null':
      return 'null';
    case 'bool':
      return 'bool';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'array':
      return 'array';
    case 'object':
      return 'object';
  }
}
