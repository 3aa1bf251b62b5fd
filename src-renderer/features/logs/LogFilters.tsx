/**
 * The filter bar: severity (from the klog letter, docs/kubelet.md §5.1), text, regex, pod (by
 * `ns/name`, pod UID or manifest path, §5.3) and time range. Text fields apply after a short
 * pause in typing; the filter itself runs in the core.
 */
import { useEffect, useState } from 'react';
import type { LogFilter, LogPodFilter } from '../../../src-main/contract/domain/log-filter';
import type { LogSeverity } from '../../../src-main/contract/domain/logs';
import type { LogFocus } from '../../state/log-focus';

const LEVELS: Array<{ key: LogSeverity; label: string }> = [
  { key: 'E', label: 'Error' },
  { key: 'W', label: 'Warning' },
  { key: 'I', label: 'Info' },
  { key: 'F', label: 'Fatal' },
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

function toMs(local: string): number | undefined {
  if (!local) return undefined;
  const ms = new Date(local).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * `focus` (from the Pods or Manifests pane, state/log-focus.ts) fills the pod field; while the
 * field still shows it, the whole focused filter applies (name, UID and manifest path at once).
 */
export function LogFilters({
  onChange,
  focus,
}: {
  onChange(filter: LogFilter): void;
  focus?: LogFocus | null;
}) {
  const [levels, setLevels] = useState<LogSeverity[]>([]);
  const [text, setText] = useState('');
  const [regex, setRegex] = useState('');
  const [pod, setPod] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const t = useDebounced(text);
  const r = useDebounced(regex);
  const p = useDebounced(pod);
  const [focused, setFocused] = useState<LogFocus | null>(null);
  useEffect(() => {
    if (!focus) return;
    setFocused(focus);
    setPod(focus.label);
  }, [focus]);
  useEffect(() => {
    const filter: LogFilter = {};
    if (levels.length) filter.severities = levels;
    if (t) filter.text = t;
    if (r) filter.regex = r;
    // The focused filter applies at once (no typing pause); typed text after the pause.
    const podFilter = focused && pod === focused.label ? focused.pod : podFilterOf(p);
    if (podFilter) filter.pod = podFilter;
    const s = toMs(since);
    const u = toMs(until);
    if (s !== undefined) filter.sinceMs = s;
    if (u !== undefined) filter.untilMs = u;
    onChange(filter);
  }, [levels, t, r, p, pod, focused, since, until, onChange]);

  const toggle = (key: LogSeverity) =>
    setLevels((l) => (l.includes(key) ? l.filter((x) => x !== key) : [...l, key]));
  return (
    <div className="logs-filters" role="group" aria-label="Log filters">
      <span className="logs-levels">
        {LEVELS.map((l) => (
          <label key={l.key} className={`logs-level logs-sev-${l.key}`}>
            <input type="checkbox" checked={levels.includes(l.key)} onChange={() => toggle(l.key)} />
            {l.label}
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
      <input
        type="search"
        placeholder="Regex"
        aria-label="Filter by regular expression"
        value={regex}
        onChange={(e) => setRegex(e.target.value)}
      />
      <input
        type="search"
        placeholder="Pod: ns/name, UID or manifest path"
        aria-label="Filter by pod"
        value={pod}
        onChange={(e) => setPod(e.target.value)}
      />
      <input
        type="datetime-local"
        step="1"
        aria-label="From time"
        value={since}
        onChange={(e) => setSince(e.target.value)}
      />
      <input
        type="datetime-local"
        step="1"
        aria-label="Until time"
        value={until}
        onChange={(e) => setUntil(e.target.value)}
      />
    </div>
  );
}
