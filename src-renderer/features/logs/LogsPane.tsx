/**
 * The kubelet log (issue 7 point 3): followed live into the core, shown through a virtualized
 * list that fetches only the rows on screen. Keys: E / Shift+E next / previous error,
 * W / Shift+W warnings, F follow, C or Ctrl+C copy the selected line, End to the end.
 */
import { forwardRef, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import type { LogFilter } from '../../../src-main/contract/domain/log-filter';
import { LOG_MAX_EXPORT_ROWS } from '../../../src-main/contract/ops/logs';
import { useApi } from '../../api/ApiProvider';
import { useAnnounce } from '../../components/Announcer';
import { EmptyState } from '../../components/EmptyState';
import { NotConnected, StaleNote } from '../../components/NotConnected';
import { Pane } from '../../components/Pane';
import { useLogFocus } from '../../state/log-focus';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { notReadyMessage, staleSince } from '../paneMessages';
import { clockTime, withSince } from '../timeline/since';
import { LogFilters, type LogViewOptions } from './LogFilters';
import { LogLineDetails } from './LogLineDetails';
import { LogList } from './LogList';
import { useLogFollow } from './useLogFollow';
import { useLogRows } from './useLogRows';
import './logs.css';

const SOURCES: Record<string, string> = {
  'journal-unit': 'journalctl -u kubelet',
  'journal-identifier': 'journalctl -t kubelet',
  'log-files': '/var/log/syslog, /var/log/messages',
  'log-file': 'a log file',
  none: '',
};

export const LogsPane = forwardRef<HTMLElement, { node: NodeSummary | null }>(function LogsPane(
  { node },
  ref,
) {
  const { client } = useApi();
  const message = notReadyMessage(node, 'its kubelet logs');
  const { status, error } = useLogFollow(node);
  const [chosenFilter, setFilter] = useState<LogFilter>({});
  // A moment chosen on the timeline: only the lines after it, on top of the filters chosen here.
  const { since } = useWorkspace();
  const filter = useMemo(() => withSince(chosenFilter, since), [chosenFilter, since]);
  const [range, setRange] = useState({ first: 0, count: 40 });
  const [following, setFollowing] = useState(true);
  const [selected, setSelected] = useState<number | null>(null);
  const [reveal, setReveal] = useState<{ index: number; nonce: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [openIndex, setOpenIndex] = useState<number | null>(null);
  const [wrap, setWrap] = useState(true);
  const [lastSeen, setLastSeen] = useState<number | null>(null);
  const announce = useAnnounce();
  const focus = useLogFocus();
  const paneEl = useRef<HTMLElement | null>(null);
  const setPaneRef = useCallback(
    (el: HTMLElement | null) => {
      paneEl.current = el;
      if (typeof ref === 'function') ref(el);
      else if (ref) ref.current = el;
    },
    [ref],
  );
  // A pod chosen in another pane: its lines, from the newest, with the keyboard here.
  useEffect(() => {
    if (!focus) return;
    setFollowing(true);
    setSelected(null);
    paneEl.current?.focus();
  }, [focus]);
  const session = status?.session ?? null;
  // Rows appended so far (held + dropped): a joined multi-line record is stored after its
  // lines were received, so `received` alone would miss it.
  const version = status ? status.evicted + status.total : 0;
  const {
    rows,
    total,
    counts,
    error: rowsError,
    filterStopped,
  } = useLogRows(session, filter, range.first, range.count, version);
  // When the log was last current: what a reconnect marks as "stale since".
  useEffect(() => {
    if (node?.state === 'connected' && status) setLastSeen(Date.now());
  }, [node?.state, status]);
  const [openRow, setOpenRow] = useState<(typeof rows)[number] | null>(null);
  useEffect(() => {
    if (openIndex === null) setOpenRow(null);
    else {
      const row = rows.find((r) => r.index === openIndex);
      if (row) setOpenRow(row);
    }
  }, [openIndex, rows]);

  const onRange = useCallback(
    (first: number, count: number) =>
      setRange((r) => (r.first === first && r.count === count ? r : { first, count })),
    [],
  );
  const onFilter = useCallback((options: LogViewOptions) => {
    setFilter(options.foldRepeats ? { ...options.filter, foldRepeats: true } : options.filter);
    setSelected(null);
    setOpenIndex(null);
  }, []);
  const selectRow = (index: number) => {
    setSelected(index);
    const row = rows.find((r) => r.index === index);
    if (row)
      announce(
        `Line ${index + 1} of ${total}: ${row.severity === 'unknown' ? '' : `${row.severity} `}${row.message}`,
      );
  };

  const jump = async (severity: 'E' | 'W', direction: 1 | -1) => {
    if (!session) return;
    const from = selected ?? (direction === 1 ? range.first - 1 : range.first + range.count);
    const { index } = await client.call('logs.find', { session, filter, from, direction, severity });
    if (index === null) {
      setNotice(`No ${direction === 1 ? 'later' : 'earlier'} ${severity === 'E' ? 'error' : 'warning'}.`);
      return;
    }
    setNotice(null);
    setFollowing(false);
    setSelected(index);
    setReveal({ index, nonce: Date.now() });
  };

  const copySelected = async () => {
    const row = rows.find((r) => r.index === selected);
    if (!row) return;
    await navigator.clipboard?.writeText(row.raw).catch(() => undefined);
    setNotice('Copied the line.');
  };

  const exportView = async () => {
    if (!session) return;
    setNotice('Exporting…');
    const parts: string[] = [];
    let start = 0;
    for (;;) {
      const part = await client.call('logs.export', { session, filter, start, count: LOG_MAX_EXPORT_ROWS });
      parts.push(part.text);
      start += part.rows;
      if (part.rows === 0 || start >= part.total) break;
    }
    const url = URL.createObjectURL(new Blob(parts, { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `kubelet-${node?.name ?? 'node'}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setNotice(`Exported ${start.toLocaleString()} lines.`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    if ((key === 'e' || key === 'w') && !event.ctrlKey) {
      event.preventDefault();
      void jump(key === 'e' ? 'E' : 'W', event.shiftKey ? -1 : 1);
    } else if (key === 'f' && !event.ctrlKey) {
      event.preventDefault();
      setFollowing((f) => !f);
    } else if (key === 'c' && selected !== null) {
      event.preventDefault();
      void copySelected();
    } else if (event.key === 'End') {
      setFollowing(true);
      if (total > 0) selectRow(total - 1);
    } else if (event.key === 'Home' && total > 0) {
      event.preventDefault();
      setFollowing(false);
      selectRow(0);
      if (openIndex !== null) setOpenIndex(0);
      setReveal({ index: 0, nonce: Date.now() });
    } else if ((event.key === 'Enter' || event.key === ' ') && selected !== null) {
      event.preventDefault();
      setOpenIndex((open) => (open === selected ? null : selected));
    } else if (event.key === 'Escape' && openIndex !== null) {
      event.preventDefault();
      setOpenIndex(null);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = Math.max(
        0,
        Math.min(total - 1, (selected ?? range.first) + (event.key === 'ArrowDown' ? 1 : -1)),
      );
      setFollowing(false);
      selectRow(next);
      // An open line follows the selection.
      if (openIndex !== null) setOpenIndex(next);
      setReveal({ index: next, nonce: Date.now() });
    }
  };

  const actions = session ? (
    <>
      <button
        type="button"
        aria-pressed={following}
        onClick={() => setFollowing((f) => !f)}
        title="Follow new lines (F)"
      >
        {following ? 'Pause' : 'Follow'} <kbd>F</kbd>
      </button>
      <button type="button" onClick={() => void jump('E', 1)} title="Next error (E); previous: Shift+E">
        Next error <kbd>E</kbd>
      </button>
      <button
        type="button"
        onClick={() => void copySelected()}
        disabled={selected === null}
        title="Copy the selected line (C)"
      >
        Copy
      </button>
      <button
        type="button"
        onClick={() => void exportView()}
        title="Save the lines shown by the filters to a file"
      >
        Export
      </button>
    </>
  ) : null;

  const stale = node !== null && node.state !== 'connected' && status !== null;
  let body;
  if (message && !stale)
    body = (
      <NotConnected node={node} title={message}>
        The kubelet's journal, followed live, with severity, pod filters and search.
      </NotConnected>
    );
  else if (error) body = <EmptyState title="Could not read the kubelet log">{error}</EmptyState>;
  else if (!status) body = <EmptyState title="Reading the kubelet log…" />;
  else {
    const filtered = total !== status.total;
    body = (
      <div className={`logs-pane${stale ? ' is-stale' : ''}`}>
        {stale && node ? <StaleNote node={node} since={staleSince(lastSeen ?? Date.now())} /> : null}
        <LogFilters onChange={onFilter} focus={focus} counts={counts} />
        <div className="logs-status">
          <span className={`logs-state-${status.state}`}>
            {status.state === 'following'
              ? 'Following'
              : status.state === 'reconnecting'
                ? 'Reconnecting…'
                : status.state === 'starting'
                  ? 'Starting…'
                  : status.state}
          </span>
          <span data-testid="logs-origin" title={status.origin}>
            {status.origin ? `From ${status.origin}` : SOURCES[status.source]}
          </span>
          <span data-testid="logs-count">
            {filtered
              ? `${total.toLocaleString()} of ${status.total.toLocaleString()} lines`
              : `${status.total.toLocaleString()} lines`}
          </span>
          {status.gaps > 0 ? (
            <span className="logs-state-reconnecting">
              {status.gaps} gap{status.gaps > 1 ? 's' : ''}
            </span>
          ) : null}
          {status.evicted > 0 ? (
            <span>
              {status.evicted.toLocaleString()} oldest dropped (ring of {status.capacity.toLocaleString()})
            </span>
          ) : null}
          {status.message ? (
            <span className={status.state === 'failed' ? 'logs-state-failed' : undefined}>
              {status.message}
            </span>
          ) : null}
          {filterStopped ? (
            <span className="logs-filter-stopped">Filter cut short: {filterStopped}</span>
          ) : null}
          {since !== null ? (
            <span className="logs-since" data-testid="logs-since">
              After {clockTime(since)} (timeline)
            </span>
          ) : null}
          {rowsError ? <span className="logs-state-failed">{rowsError}</span> : null}
          {notice ? <span>{notice}</span> : null}
        </div>
        {total === 0 ? (
          <EmptyState
            title={
              status.total > 0
                ? 'No line matches the filters.'
                : status.state === 'failed'
                  ? (status.message ?? "The kubelet's log could not be read.")
                  : status.message
                    ? status.message
                    : 'No kubelet lines yet — waiting for new ones.'
            }
          />
        ) : null}
        <LogList
          rows={rows}
          total={total}
          first={range.first}
          following={following}
          selected={selected}
          reveal={reveal}
          onRange={onRange}
          onSelect={selectRow}
          onOpen={(index) => setOpenIndex((open) => (open === index ? null : index))}
          onScrolledUp={() => setFollowing(false)}
          onKeyDown={onKeyDown}
        />
        {openRow ? (
          <LogLineDetails
            row={openRow}
            wrap={wrap}
            onWrap={setWrap}
            onClose={() => {
              setOpenIndex(null);
              paneEl.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
            }}
          />
        ) : null}
      </div>
    );
  }
  return (
    <Pane ref={setPaneRef} id="logs" title="Kubelet logs" shortcut="Alt+4" actions={actions}>
      {body}
    </Pane>
  );
});
