/**
 * ID lookup as containerd does it for crictl: a full ID or any unique prefix (containerd's
 * truncindex). Errors are worded as containerd's CRI plugin returns them over gRPC.
 */
export type IdLookup<T> = { ok: true; item: T } | { ok: false; error: string };

export function lookupById<T extends { id: string }>(
  items: T[],
  query: string,
  kind: 'container' | 'sandbox',
): IdLookup<T> {
  const exact = items.find((i) => i.id === query);
  if (exact) return { ok: true, item: exact };
  const matches = query === '' ? [] : items.filter((i) => i.id.startsWith(query));
  if (matches.length === 1) return { ok: true, item: matches[0] };
  if (matches.length > 1) {
    return {
      ok: false,
      error: `rpc error: code = Unknown desc = an error occurred when try to find ${kind} ${JSON.stringify(query)}: Multiple IDs found with provided prefix: ${query}`,
    };
  }
  return {
    ok: false,
    error: `rpc error: code = NotFound desc = an error occurred when try to find ${kind} ${JSON.stringify(query)}: not found`,
  };
}

/** `getTruncatedID`: 13 characters unless --no-trunc (docs/kubelet.md §3.2). */
export function truncateId(id: string, prefix = ''): string {
  const s = prefix && id.startsWith(prefix) ? id.slice(prefix.length) : id;
  return s.length > 13 ? s.slice(0, 13) : s;
}

/**
 * A list filter by ID as containerd applies it: the filter is first normalized through the
 * prefix index, then compared exactly — so an ambiguous or unknown prefix matches nothing.
 */
export function idFilter<T extends { id: string }>(
  items: T[],
  query: string | undefined,
): (id: string) => boolean {
  if (!query) return () => true;
  const found = lookupById(items, query, 'container');
  const full = found.ok ? found.item.id : query;
  return (id) => id === full;
}
