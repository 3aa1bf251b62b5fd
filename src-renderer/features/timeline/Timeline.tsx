/**
 * The node timeline: one time axis with manifest saves and modifications, pod UID and sandbox
 * changes, restarts (markers) and the kubelet log's volume by severity (a stacked bar per
 * interval). Choosing a moment (a marker, with Enter; or a click on the axis) sets the
 * workspace's "since": the other panes then show what happened after it. The chip, or Escape
 * here, clears it. Markers are one Tab stop; arrows, Home and End move between them.
 */
import { useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import type { LogVolumeBucket } from '../../../src-main/contract/domain/node-timeline';
import { TIMELINE_SPANS_MS } from '../../../src-main/contract/ops/timeline';
import { useAnnounce } from '../../components/Announcer';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { KIND_WORDS, markersOf } from './markers';
import { axisFraction, clockTime, markerMove } from './since';
import { useNodeTimeline } from './useNodeTimeline';
import './timeline.css';

const SPAN_WORDS: Record<number, string> = {
  [TIMELINE_SPANS_MS[0]]: 'Last 15 min',
  [TIMELINE_SPANS_MS[1]]: 'Last hour',
  [TIMELINE_SPANS_MS[2]]: 'Last 6 hours',
};

function bucketTitle(b: LogVolumeBucket, bucketMs: number): string {
  return `${clockTime(b.startMs)}–${clockTime(b.startMs + bucketMs)}: ${b.E} E, ${b.W} W, ${b.I} I${b.other ? `, ${b.other} other` : ''}`;
}

export function Timeline({ node }: { node: NodeSummary | null }) {
  const [spanMs, setSpanMs] = useState<number>(TIMELINE_SPANS_MS[0]);
  const { timeline, error } = useNodeTimeline(node, spanMs);
  const { since, setSince } = useWorkspace();
  const announce = useAnnounce();
  // The roving marker, by key: markers move and fall off the axis as it slides with the clock.
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const markerRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const axisRef = useRef<HTMLDivElement | null>(null);

  const markers = useMemo(
    () => (timeline ? markersOf(timeline.events, timeline.fromMs, timeline.toMs) : []),
    [timeline],
  );
  const peak = useMemo(
    () => Math.max(1, ...(timeline?.buckets ?? []).map((b) => b.E + b.W + b.I + b.other)),
    [timeline],
  );
  const totals = useMemo(
    () =>
      (timeline?.buckets ?? []).reduce((sum, b) => ({ E: sum.E + b.E, W: sum.W + b.W, I: sum.I + b.I }), {
        E: 0,
        W: 0,
        I: 0,
      }),
    [timeline],
  );
  const keyOf = (m: (typeof markers)[number]) => `${m.atMs}-${m.events[0]!.id}`;
  // The roving marker: the one last focused while it is on the axis, else the newest.
  const found = markers.findIndex((m) => keyOf(m) === activeKey);
  const current = found >= 0 ? found : markers.length - 1;

  const choose = (ms: number) => {
    setSince(ms);
    announce(`Showing what happened after ${clockTime(ms)}.`);
  };
  const clear = () => {
    setSince(null);
    announce('Showing everything again.');
    // The chip goes away: keep the keyboard on the timeline.
    (markerRefs.current[current] ?? axisRef.current)?.focus();
  };

  const onMarkerKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const next = markerMove(event.key, index, markers.length);
    if (next === null) return;
    event.preventDefault();
    const marker = markers[next];
    if (marker) setActiveKey(keyOf(marker));
    markerRefs.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && since !== null) {
      event.preventDefault();
      event.stopPropagation();
      clear();
    }
  };
  // A click on the axis (not on a marker) chooses that moment, to the second.
  const onAxisClick = (event: MouseEvent<HTMLDivElement>) => {
    if (!timeline || (event.target as HTMLElement).closest('button')) return;
    const box = event.currentTarget.getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    choose(Math.floor((timeline.fromMs + fraction * (timeline.toMs - timeline.fromMs)) / 1000) * 1000);
  };

  if (!node) return null;
  const connected = node.state === 'connected';
  const empty = timeline !== null && markers.length === 0 && totals.E + totals.W + totals.I === 0;
  let note: string | null = null;
  if (!connected && !timeline) note = `Connect to ${node.name} to see its timeline.`;
  else if (error) note = `Could not read the timeline: ${error}`;
  else if (!timeline) note = 'Reading the timeline…';
  else if (empty)
    note =
      'Nothing yet: saves, file changes, pod UID and sandbox changes and restarts appear here as the app sees them.';

  return (
    <section className="timeline" aria-label={`Timeline of ${node.name}`} onKeyDown={onKeyDown}>
      <div className="timeline-head">
        <h2 className="timeline-title">Timeline</h2>
        <select aria-label="Timeline span" value={spanMs} onChange={(e) => setSpanMs(Number(e.target.value))}>
          {TIMELINE_SPANS_MS.map((ms) => (
            <option key={ms} value={ms}>
              {SPAN_WORDS[ms]}
            </option>
          ))}
        </select>
      </div>
      <div className="timeline-body">
        <div
          className="timeline-axis"
          ref={axisRef}
          tabIndex={-1}
          onClick={onAxisClick}
          title="Click a moment to show what happened after it"
        >
          {timeline && since !== null && since > timeline.fromMs ? (
            <div
              className="timeline-before"
              style={{ width: `${axisFraction(since, timeline.fromMs, timeline.toMs) * 100}%` }}
              aria-hidden="true"
            />
          ) : null}
          {timeline && timeline.buckets.length > 0 ? (
            <div
              className="timeline-bars"
              role="img"
              aria-label={`Kubelet log lines on this axis: ${totals.E} errors, ${totals.W} warnings, ${totals.I} info`}
            >
              {timeline.buckets.map((b) => {
                const total = b.E + b.W + b.I + b.other;
                return (
                  <div
                    key={b.startMs}
                    className="timeline-bar"
                    title={bucketTitle(b, timeline.bucketMs)}
                    style={{ height: `${(total / peak) * 100}%` }}
                  >
                    {total > 0 ? (
                      <>
                        <span className="sev-E" style={{ flexGrow: b.E }} />
                        <span className="sev-W" style={{ flexGrow: b.W }} />
                        <span className="sev-I" style={{ flexGrow: b.I + b.other }} />
                      </>
                    ) : null}
                  </div>
                );
              })}
            </div>
          ) : null}
          {note ? <p className="timeline-note">{note}</p> : null}
          <div className="timeline-markers" role="group" aria-label="Timeline events, oldest first">
            {markers.map((m, index) => (
              <button
                key={keyOf(m)}
                ref={(el) => {
                  markerRefs.current[index] = el;
                }}
                type="button"
                className={`timeline-marker kind-${m.kind}${since === m.atMs ? ' is-chosen' : ''}`}
                style={{ left: `${m.fraction * 100}%` }}
                tabIndex={index === current ? 0 : -1}
                aria-label={`${m.events.length > 1 ? `${m.events.length} events from ` : ''}${m.label}. Show what happened after ${clockTime(m.atMs)}`}
                aria-pressed={since === m.atMs}
                title={m.events
                  .map(
                    (e) => `${clockTime(e.atMs)} ${e.title} — ${e.detail} (${e.source}; time: ${e.timeFrom})`,
                  )
                  .join('\n')}
                onFocus={() => setActiveKey(keyOf(m))}
                onKeyDown={(e) => onMarkerKey(e, index)}
                onClick={() => choose(m.atMs)}
              >
                {m.events.length > 1 ? <span className="timeline-count">{m.events.length}</span> : null}
              </button>
            ))}
          </div>
        </div>
        {timeline ? (
          <div className="timeline-ticks" aria-hidden="true">
            <span>{clockTime(timeline.fromMs)}</span>
            <span>{clockTime((timeline.fromMs + timeline.toMs) / 2)}</span>
            <span>{clockTime(timeline.toMs)}</span>
          </div>
        ) : null}
      </div>
      <div className="timeline-side">
        {since !== null ? (
          <button
            type="button"
            className="since-chip"
            onClick={clear}
            aria-label={`Since ${clockTime(since)}: clear, show everything (Escape)`}
          >
            Since {clockTime(since)} <span aria-hidden="true">×</span>
          </button>
        ) : (
          <span className="timeline-legend" aria-hidden="true">
            {(
              [
                'manifest-saved',
                'manifest-modified',
                'pod-uid-changed',
                'sandbox-changed',
                'container-restarted',
              ] as const
            ).map((kind) => (
              <span key={kind}>
                <i className={`timeline-dot kind-${kind}`} />
                {KIND_WORDS[kind]}
              </span>
            ))}
          </span>
        )}
        {timeline && timeline.earlier > 0 ? (
          <span className="timeline-earlier">{timeline.earlier} earlier</span>
        ) : null}
        {timeline?.logsUnavailable ? (
          <span className="timeline-earlier" title={timeline.logsUnavailable}>
            no log volume
          </span>
        ) : null}
      </div>
    </section>
  );
}
