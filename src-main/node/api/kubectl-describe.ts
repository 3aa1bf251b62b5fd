/**
 * `kubectl describe pod` as a tree of fields. describe is for humans and its layout is not
 * an API, so the app prefers `-o json` (kubectl-pod-json.ts); this reader exists for text
 * the user pastes or a describe the app shows, and for the Events table, which is the
 * quickest view of kubelet back-offs (`Back-off restarting failed container … in pod
 * <pod>_<ns>(<static UID>)`, docs/kubelet.md §9.4).
 *
 * Layout: `Key:<spaces>value`; a line indented to the value column continues the value
 * (labels, annotations); deeper lines are children; lines without `Key:` under a field are
 * more values (`Command:` items); `Conditions:`/`Events:` hold tabwriter tables.
 */
import type { KubectlDescribeField } from '../../contract/domain/pods';
import { mapRow, readHeader, type TableColumn } from './tool-output/table-columns';

const TABLE_KEYS = new Set(['Conditions', 'Events']);

interface Frame {
  indent: number;
  valueCol: number;
  field: KubectlDescribeField;
  columns: TableColumn[] | null;
}

export function parseKubectlDescribe(text: string): KubectlDescribeField[] {
  const root: KubectlDescribeField[] = [];
  const stack: Frame[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\s+$/, '');
    if (line === '') continue;
    const indent = line.length - line.trimStart().length;
    const top = stack[stack.length - 1];
    if (top?.field.table && indent > top.indent) {
      addTableLine(top, line);
      continue;
    }
    if (top && top.valueCol === indent && top.field.values.length > 0) {
      top.field.values.push(line.trim());
      continue;
    }
    const m = /^\s*([^:\s][^:]*?):(?:\s+(.*))?$/.exec(line);
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1];
    if (!m || /\s{2}/.test(m[1]!)) {
      // not a `Key:` line: a value of the enclosing field (e.g. a Command item)
      if (parent) parent.field.values.push(line.trim());
      continue;
    }
    const key = m[1]!;
    const value = m[2] ?? '';
    const field: KubectlDescribeField = {
      key,
      values: value === '' ? [] : [value],
      children: [],
      table: TABLE_KEYS.has(key) && value === '' ? [] : null,
    };
    (parent ? parent.field.children : root).push(field);
    stack.push({ indent, valueCol: value === '' ? -1 : line.length - value.length, field, columns: null });
  }
  return root;
}

function addTableLine(frame: Frame, line: string): void {
  if (frame.columns === null) {
    frame.columns = readHeader(line);
    return;
  }
  if (/^\s*-{2,}(\s+-{2,})*$/.test(line)) return; // the `----` rule under Events headers
  const cells = mapRow(frame.columns, line);
  if (cells) frame.field.table!.push(Object.fromEntries(cells));
}

/** The field at a path of keys, e.g. `['Containers', 'kube-scheduler', 'State']`. */
export function describeField(
  fields: readonly KubectlDescribeField[],
  path: readonly string[],
): KubectlDescribeField | null {
  let level = fields;
  let found: KubectlDescribeField | null = null;
  for (const key of path) {
    found = level.find((f) => f.key === key) ?? null;
    if (found === null) return null;
    level = found.children;
  }
  return found;
}
