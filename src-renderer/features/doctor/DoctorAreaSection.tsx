import { useId, useState, type ReactNode } from 'react';
import { areaStateText, type AreaView } from './doctor-view';
import { DoctorFindingItem } from './DoctorFindingItem';

/**
 * One area of the report: its findings, then what could not be checked and why (shown as
 * such, never as "ok"), then, folded, what the checks that ran read.
 */
export function DoctorAreaSection({ view, children }: { view: AreaView; children?: ReactNode }) {
  const headingId = useId();
  const ranId = useId();
  const [showRan, setShowRan] = useState(false);
  return (
    <section
      className="doctor-area"
      aria-labelledby={headingId}
      data-area={view.area}
      data-state={view.state}
    >
      <h3 id={headingId}>
        {view.label}{' '}
        <span className={`doctor-area-state doctor-state-${view.worst ?? view.state}`}>
          {areaStateText(view)}
        </span>
      </h3>
      {view.findings.length > 0 ? (
        <ul className="doctor-findings" aria-label={`${view.label} findings`}>
          {view.findings.map((f, i) => (
            <DoctorFindingItem key={`${f.kind}-${f.subject ?? ''}-${i}`} finding={f} />
          ))}
        </ul>
      ) : null}
      {view.notRun.length > 0 ? (
        <ul className="doctor-checks doctor-not-run" aria-label={`${view.label}: could not check`}>
          {view.notRun.map((c, i) => (
            <li key={`${c.name}-${i}`}>
              <span className="doctor-check-label">Could not check</span> <strong>{c.name}</strong>:{' '}
              {c.detail}
            </li>
          ))}
        </ul>
      ) : null}
      {view.ran.length > 0 ? (
        <>
          <button
            type="button"
            className="secondary doctor-ran-toggle"
            aria-expanded={showRan}
            aria-controls={ranId}
            onClick={() => setShowRan((s) => !s)}
          >
            <span aria-hidden="true">{showRan ? '▾' : '▸'}</span> What the{' '}
            {view.ran.length === 1 ? 'check' : `${view.ran.length} checks`} that ran read
          </button>
          <ul id={ranId} className="doctor-checks" hidden={!showRan}>
            {view.ran.map((c, i) => (
              <li key={`${c.name}-${i}`}>
                <strong>{c.name}</strong>: {c.detail}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {children}
    </section>
  );
}
