/**
 * The filter bar: severity (from the klog letter, docs/kubelet.md §5.1) in order of gravity with
 * each level's count, text, regex (a bad one marks its field and is not applied), pod (by
 * `ns/name`, pod UID or manifest path, §5.3), a time range in two labelled text fields, "fold
 * repeats" and "clear filters". Text fields apply after a short pause in typing; the filter
 * itself runs in the core.
 */
import { useEffect, useId, useState } from 'react';
import type { LogFilter, LogPodFilter } from '../../../src-main/contract/domain/log-filter';
import type { LogSeverity } from '../../../src-main/contract/domain/logs';
import type { LogFocus } from '../../state/log-focus';
import { parseLogTime, regexProblem } from './log-time';

/** Most serious first: Fatal, Error, Warning, Info (klog's F, E, W, I), then unparsed lines. */
export const LEVELS: Array<{ key: LogSeverity; label: string }> = [
  { key: 'F', label: 'Fatal' },
  { key: 'E', label: 'Error' },
  { key: 'W', label: 'Warning' },
  { key: 'I', label: 'Info' },
  { key: 'unknown', label: 'Other' },
];

/** `/path` → manifest path; `ns/name` → pod; 32 hex or a UUID → pod UID. */
export function podFilterOf(value: string): LogPodFilter | undefined {
  const v = value.trim();
  if (!v) return undefined;
  if (v.startsWith('/')) return { manifestPath: v };
  if (v.includes('/')) return { pod: v };
  if (/^[0-9a-f]{32}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v))
    return { podUID: v };
  return { pod: v };
}

function useDebounced(value: string, ms = 250): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

export interface LogViewOptions {
  filter: LogFilter;
  /** Show a run of identical lines as one line with its count. */
  foldRepeats: boolean;
}

/**
 * `focus` (from the Pods or Manifests pane, state/log-focus.ts) fills the pod field; while the
 * field still shows it, the whole focused filter applies (name, UID and manifest path at once).
 */
export function LogFilters({
  onChange,
  focus,
  counts,
}: {
  onChange(options: LogViewOptions): void;
  focus?: LogFocus | null;
  /** Lines per severity under the other filters; null while unknown. */
  counts: Partial<Record<LogSeverity, number>> | null;
}) {
  const id = useId();
  const [levels, setLevels] = useState<LogSeverity[]>([]);
  const [text, setText] = useState('');
  const [regex, setRegex] = useState('');
  const [pod, setPod] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [fold, setFold] = useState(false);
  const t = useDebounced(text);
  const r = useDebounced(regex);
  const p = useDebounced(pod);
  const s = useDebounced(since, 400);
  const u = useDebounced(until, 400);
  const [focused, setFocused] = useState<LogFocus | null>(null);
  useEffect(() => {
    if (!focus) return;
    setFocused(focus);
    setPod(focus.label);
  }, [focus]);

  const badRegex = regexProblem(r);
  // Relative times ("15m") are read against the clock when typed, not on every render.
  const [sinceParse, untilParse] = [s, u].map((v) => parseLogTime(v, Date.now()));
  useEffect(() => {
    const filter: LogFilter = {};
    if (levels.length) filter.severities = levels;
    if (t) filter.text = t;
    if (r && !badRegex) filter.regex = r;
    // The focused filter applies at once (no typing pause); typed text after the pause.
    const podFilter = focused && pod === focused.label ? focused.pod : podFilterOf(p);
    if (podFilter) filter.pod = podFilter;
    const from = parseLogTime(s, Date.now());
    const to = parseLogTime(u, Date.now());
    if (from.ok && from.ms !== undefined) filter.sinceMs = from.ms;
    if (to.ok && to.ms !== undefined) filter.untilMs = to.ms;
    onChange({ filter, foldRepeats: fold });
  }, [levels, t, r, badRegex, p, pod, focused, s, u, fold, onChange]);

  const toggle = (key: LogSeverity) =>
    setLevels((l) => (l.includes(key) ? l.filter((x) => x !== key) : [...l, key]));
  const active =
    levels.length > 0 || text !== '' || regex !== '' || pod !== '' || since !== '' || until !== '' || fold;
  const clear = () => {
    setLevels([]);
    setText('');
    setRegex('');
    setPod('');
    setSince('');
    setUntil('');
    setFold(false);
    setFocused(null);
  };
  const timeField = (
    label: string,
    value: string,
    set: (v: string) => void,
    parsed: ReturnType<typeof parseLogTime>,
  ) => {
    const field = `${id}-${label}`;
    return (
      <span className="logs-field">
        <label htmlFor={field}>{label}</label>
        <input
          id={field}
          type="text"
          className="logs-time-input"
          placeholder="14:05, 15m"
          title="A time today (14:05), a date and time (2024-05-01 14:05) or how long ago (15m, 2h)"
          value={value}
          aria-invalid={!parsed.ok}
          aria-describedby={!parsed.ok ? `${field}-problem` : undefined}
          onChange={(e) => set(e.target.value)}
        />
        {!parsed.ok ? (
          <span id={`${field}-problem`} className="logs-field-problem" role="alert">
            {parsed.problem}
          </span>
        ) : null}
      </span>
    );
  };
  return (
    <div className="logs-filters" role="group" aria-label="Log filters">
      <span className="logs-levels" role="group" aria-label="Severities">
        {LEVELS.map((l) => (
          <label key={l.key} className={`logs-level logs-sev-${l.key}`}>
            <input type="checkbox" checked={levels.includes(l.key)} onChange={() => toggle(l.key)} />
            {l.label}
            {counts ? (
              <span className="logs-level-count" data-testid={`logs-count-${l.key}`}>
                {(counts[l.key] ?? 0).toLocaleString()}
              </span>
            ) : null}
          </label>
        ))}
      </span>
      <input
        type="search"
        placeholder="Text"
        aria-label="Filter by text"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <span className="logs-field">
        <input
          type="search"
          placeholder="Regex"
          aria-label="Filter by regular expression"
          value={regex}
          aria-invalid={badRegex !== null}
          aria-describedby={badRegex ? `${id}-regex-problem` : undefined}
          onChange={(e) => setRegex(e.target.value)}
        />
        {badRegex ? (
          <span id={`${id}-regex-problem`} className="logs-field-problem" role="alert">
            Not applied: {badRegex}
          </span>
        ) : null}
      </span>
      <input
        type="search"
        placeholder="Pod: ns/name, UID or manifest path"
        aria-label="Filter by pod"
        value={pod}
        onChange={(e) => setPod(e.target.value)}
      />
      {timeField('From', since, setSince, sinceParse!)}
      {timeField('Until', until, setUntil, untilParse!)}
      <label className="logs-level" title="Show a run of identical lines once, with how many there were">
        <input type="checkbox" checked={fold} onChange={(e) => setFold(e.target.checked)} /> Fold repeats
      </label>
      <button type="button" onClick={clear} disabled={!active}>
        Clear filters
      </button>
    </div>
  );
}
