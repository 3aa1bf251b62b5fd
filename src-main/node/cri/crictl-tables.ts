/**
 * `crictl pods` and `crictl ps [-a]` tables (docs/kubelet.md §3.2).
 *
 * Column sets differ by crictl version, so columns are found by header name, never by
 * index: first header `CONTAINER ID` (2017–2019) or `CONTAINER`; `POD ID` since 2018,
 * `POD` since ~v1.24, `NAMESPACE` since v1.32; `crictl pods` gained `RUNTIME` ~v1.19.
 * IMAGE is 13 hex (containerd digest, truncated) or in full (CRI-O image id or
 * `repo@sha256:` reference).
 */
import type { CriContainerRow, CriImageCellKind, CriPodRow } from '../../contract/domain/cri';
import type { ParseIssue, ParseResult } from '../../contract/domain/parse';
import { mapRow, readHeader, textLines, type TableColumn } from '../api/tool-output/table-columns';
import { containerState, sandboxState } from './cri-states';

export function parseCrictlPsTable(text: string): ParseResult<CriContainerRow[]> {
  return parseTable(
    text,
    (l) => /^CONTAINER( ID)?\s{2,}IMAGE\b/.test(l),
    (cells) => {
      const attempt = Number(cells.get('ATTEMPT'));
      const image = cells.get('IMAGE') ?? '';
      return {
        containerId: cells.get('CONTAINER') ?? cells.get('CONTAINER ID') ?? '',
        image,
        imageKind: imageKind(image),
        created: cells.get('CREATED') ?? '',
        state: containerState(cells.get('STATE')),
        name: cells.get('NAME') ?? '',
        attempt: Number.isFinite(attempt) ? attempt : 0,
        podId: cells.get('POD ID') ?? null,
        pod: cells.get('POD') ?? null,
        namespace: cells.get('NAMESPACE') ?? null,
      };
    },
  );
}

export function parseCrictlPodsTable(text: string): ParseResult<CriPodRow[]> {
  return parseTable(
    text,
    (l) => /^POD ID\s{2,}CREATED\b/.test(l),
    (cells) => {
      const attempt = Number(cells.get('ATTEMPT'));
      return {
        podId: cells.get('POD ID') ?? '',
        created: cells.get('CREATED') ?? '',
        state: sandboxState(cells.get('STATE')),
        name: cells.get('NAME') ?? '',
        namespace: cells.get('NAMESPACE') ?? '',
        attempt: Number.isFinite(attempt) ? attempt : 0,
        runtime: cells.get('RUNTIME') ?? null,
      };
    },
  );
}

/** 13 hex = truncated digest; 64 hex = untruncated id; anything else = a reference. */
export function imageKind(image: string): CriImageCellKind {
  if (/^[0-9a-f]{13}$/.test(image)) return 'short-id';
  if (/^(sha256:)?[0-9a-f]{64}$/.test(image)) return 'full-id';
  return 'reference';
}

/** IDs are 13 hex (truncated) or 64 hex (`--no-trunc`) (§3.2). */
const ID_CELL = /^[0-9a-f]{12,64}$/;

function parseTable<T>(
  text: string,
  isHeader: (line: string) => boolean,
  toRow: (cells: Map<string, string>) => T,
): ParseResult<T[]> {
  const issues: ParseIssue[] = [];
  const lines = textLines(text);
  const headerAt = lines.findIndex(isHeader);
  if (headerAt < 0) {
    const empty = lines.every((l) => l === '');
    // `crictl ps` with no containers still prints the header; no header at all is an error.
    return empty
      ? { ok: false, error: 'empty output', issues }
      : { ok: false, error: 'no crictl table header found', issues };
  }
  const columns: TableColumn[] = readHeader(lines[headerAt]!);
  const value: T[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') break; // end of this table
    const cells = mapRow(columns, line);
    const first = cells?.get(columns[0]!.name) ?? '';
    if (cells === null || !ID_CELL.test(first)) {
      issues.push({ line: i + 1, message: `not a table row: ${line}` });
      continue;
    }
    value.push(toRow(cells));
  }
  return { ok: true, value, issues, truncated: false };
}
