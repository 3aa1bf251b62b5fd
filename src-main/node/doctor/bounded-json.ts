/** JSON from a node's tool, parsed only when it is not nested past the parsers' bound. */
import { jsonTooDeep, MAX_JSON_DEPTH } from '../api/tool-output/json-salvage';

/** Tool outputs larger than this are not parsed (crictl info of a real node is tens of KiB). */
export const MAX_TOOL_JSON_BYTES = 16 * 1024 * 1024;

export type BoundedJson = { ok: true; value: unknown } | { ok: false; error: string };

export function parseBoundedJson(text: string): BoundedJson {
  if (text.length > MAX_TOOL_JSON_BYTES) return { ok: false, error: 'output too large to parse' };
  if (jsonTooDeep(text)) return { ok: false, error: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
