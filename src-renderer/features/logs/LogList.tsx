/**
 * The virtualized list: fixed row height, only the visible rows rendered (and fetched), the
 * scroll position scaled past the browser's maximum element height (scaled-scroll.ts), so a
 * million rows scroll like a hundred. Severity colours: E/F red, W amber (klog letter,
 * docs/kubelet.md §5.1); gap markers striped.
 */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type UIEvent,
} from 'react';
import type { LogRow } from '../../../src-main/contract/domain/logs';
import { ROW_HEIGHT, firstRowAt, scrollHeightFor, scrollTopFor } from './scaled-scroll';

export interface LogListProps {
  rows: LogRow[];
  total: number;
  first: number;
  following: boolean;
  selected: number | null;
  /** Bumped to scroll a row into view. */
  reveal: { index: number; nonce: number } | null;
  onRange(first: number, count: number): void;
  onSelect(index: number): void;
  /** Open (or close) the selected line's details: a click on a line, or Enter. */
  onOpen(index: number): void;
  /** The user scrolled away from the end. */
  onScrolledUp(): void;
  onKeyDown(event: KeyboardEvent<HTMLDivElement>): void;
}

export function LogList({
  rows,
  total,
  first,
  following,
  selected,
  reveal,
  onRange,
  onSelect,
  onOpen,
  onScrolledUp,
  onKeyDown,
}: LogListProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(400);
  const [shift, setShift] = useState(0);
  const count = Math.ceil(height / ROW_HEIGHT) + 1;

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  const update = useCallback(() => {
    const el = viewport.current;
    if (!el) return;
    const at = firstRowAt(el.scrollTop, el.clientHeight, total);
    setShift(at.shift);
    onRange(Math.max(0, Math.min(at.first, Math.max(0, total - 1))), count);
  }, [total, count, onRange]);

  // Following: keep the end in view as rows arrive.
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    if (following) el.scrollTop = el.scrollHeight;
    update();
  }, [following, total, update]);

  useEffect(() => {
    const el = viewport.current;
    if (!el || !reveal) return;
    if (reveal.index < first || reveal.index >= first + count - 1)
      el.scrollTop = scrollTopFor(Math.max(0, reveal.index - 2), el.clientHeight, total);
    update();
  }, [reveal]);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const el = event.currentTarget;
    if (following && el.scrollTop + el.clientHeight < el.scrollHeight - ROW_HEIGHT) onScrolledUp();
    update();
  };

  return (
    <div
      ref={viewport}
      className="logs-viewport"
      role="grid"
      aria-label="Kubelet log lines"
      aria-rowcount={total}
      aria-activedescendant={
        selected !== null && rows.some((r) => r.index === selected) ? `log-row-${selected}` : undefined
      }
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: scrollHeightFor(total) }}>
        <div className="logs-window">
          {rows.map((row) => (
            <div
              key={row.seq}
              id={`log-row-${row.index}`}
              role="row"
              aria-rowindex={row.index + 1}
              aria-selected={row.index === selected}
              data-severity={row.severity}
              className={`logs-row logs-sev-${row.severity}${row.kind === 'gap' ? ' logs-gap' : ''}`}
              style={{ top: (row.index - first) * ROW_HEIGHT - shift }}
              onClick={() => {
                onSelect(row.index);
                onOpen(row.index);
              }}
              title={row.raw}
            >
              {row.kind === 'gap' ? (
                <span className="logs-msg" role="gridcell">
                  ⚠ {row.message}
                </span>
              ) : (
                <>
                  <span className="logs-time" role="gridcell">
                    {row.time}
                  </span>
                  <span className="logs-sev" role="gridcell">
                    {row.severity === 'unknown' ? '·' : row.severity}
                  </span>
                  <span className="logs-src" role="gridcell">
                    {row.file ? `${row.file}:${row.line}` : ''}
                  </span>
                  {row.repeats ? (
                    <span
                      className="logs-repeats"
                      role="gridcell"
                      title={`${row.repeats} identical lines after this one`}
                    >
                      ×{row.repeats + 1}
                    </span>
                  ) : null}
                  <span className="logs-msg" role="gridcell">
                    {row.message}
                  </span>
                  <span className="logs-kv" role="gridcell">
                    {row.keyValues.map((kv, i) => (
                      <span key={i}>
                        {' '}
                        <b>{kv.key}</b>={kv.value}
                      </span>
                    ))}
                  </span>
                </>
              )}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
