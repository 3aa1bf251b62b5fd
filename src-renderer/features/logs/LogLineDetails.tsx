import type { LogRow } from '../../../src-main/contract/domain/logs';

const SEVERITY_WORDS: Record<LogRow['severity'], string> = {
  F: 'Fatal',
  E: 'Error',
  W: 'Warning',
  I: 'Info',
  unknown: 'Other',
};

/**
 * One log line opened (click or Enter on it): its header fields, the message and every
 * key/value on its own line, whole, with a wrap toggle for long values; the raw line last. A
 * cause such as `err="failed to \"StartContainer\" …"` is read here in full, by mouse or keyboard.
 */
export function LogLineDetails({
  row,
  wrap,
  onWrap,
  onClose,
}: {
  row: LogRow;
  wrap: boolean;
  onWrap(wrap: boolean): void;
  onClose(): void;
}) {
  return (
    <section
      className={`logs-details${wrap ? ' is-wrapped' : ''}`}
      aria-label="The selected log line"
      data-testid="log-line-details"
    >
      <header className="logs-details-head">
        <strong className={`logs-sev-${row.severity}`}>{SEVERITY_WORDS[row.severity]}</strong>
        <span>{row.time}</span>
        {row.file ? (
          <span className="logs-details-src">
            {row.file}:{row.line}
          </span>
        ) : null}
        {row.repeats ? <span>and {row.repeats} identical lines after it</span> : null}
        <label className="logs-details-wrap">
          <input type="checkbox" checked={wrap} onChange={(e) => onWrap(e.target.checked)} /> Wrap long lines
        </label>
        <button
          type="button"
          className="secondary"
          onClick={onClose}
          aria-label="Close the line"
          title="Close (Escape)"
        >
          ×
        </button>
      </header>
      <div className="logs-details-body" tabIndex={0} aria-label="Line text">
        <p className="logs-details-msg">{row.message}</p>
        {row.keyValues.length > 0 ? (
          <dl className="logs-details-kv">
            {row.keyValues.map((kv, i) => (
              <div key={i}>
                <dt>{kv.key}</dt>
                <dd>{kv.value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        <pre className="logs-details-raw" aria-label="Raw line">
          {row.raw}
        </pre>
      </div>
    </section>
  );
}
