/**
 * The rows on screen, fetched from the core by range (`logs.rows`): only what is visible is
 * ever in the renderer. Refetched when the range, the filter or the log changes.
 */
import { useEffect, useRef, useState } from 'react';
import type { LogFilter } from '../../../src-main/contract/domain/log-filter';
import type { LogLevelCounts, LogRow } from '../../../src-main/contract/domain/logs';
import { useApi } from '../../api/ApiProvider';

export interface LogRows {
  rows: LogRow[];
  /** Rows in the (filtered) view. */
  total: number;
  /** Lines per severity under the other filters. */
  counts: LogLevelCounts | null;
  error: string | null;
  /** Why the filter's regex was stopped before the end of the log (the core says). */
  filterStopped?: string;
}

export function useLogRows(
  session: string | null,
  filter: LogFilter,
  start: number,
  count: number,
  version: number,
): LogRows {
  const { client } = useApi();
  const [state, setState] = useState<LogRows>({ rows: [], total: 0, counts: null, error: null });
  const request = useRef(0);
  const filterJson = JSON.stringify(filter);
  useEffect(() => {
    if (!session) {
      setState({ rows: [], total: 0, counts: null, error: null });
      return;
    }
    const mine = ++request.current;
    client
      .call('logs.rows', { session, filter: JSON.parse(filterJson) as LogFilter, start, count })
      .then((result) => {
        if (mine === request.current)
          setState({
            rows: result.rows,
            total: result.total,
            counts: result.counts,
            error: null,
            filterStopped: result.filterStopped,
          });
      })
      .catch((error: Error) => {
        if (mine === request.current) setState((s) => ({ ...s, error: error.message }));
      });
  }, [client, session, filterJson, start, count, version]);
  return state;
}
