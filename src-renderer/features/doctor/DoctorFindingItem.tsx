import { useId, useState } from 'react';
import type { DoctorFinding } from '../../../src-main/contract/domain/doctor';
import { CopyButton } from '../../components/CopyButton';

/**
 * One finding: severity and title, the explanation, the evidence read on the node behind a
 * disclosure button (Enter or Space opens it; aria-expanded says whether it is open), and the
 * next step as it stands with a Copy button.
 */
export function DoctorFindingItem({ finding: f }: { finding: DoctorFinding }) {
  const [open, setOpen] = useState(false);
  const evidenceId = useId();
  return (
    <li className={`doctor-finding doctor-finding-${f.severity}`} data-kind={f.kind}>
      <p className="doctor-finding-title">
        <span className="doctor-severity">{f.severity}</span> {f.title}
        {f.subject ? <span className="muted"> · {f.subject}</span> : null}
      </p>
      <p className="doctor-explanation">{f.explanation}</p>
      <button
        type="button"
        className="secondary doctor-evidence-toggle"
        aria-expanded={open}
        aria-controls={evidenceId}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> Evidence ({f.evidence.length}{' '}
        {f.evidence.length === 1 ? 'line' : 'lines'})
      </button>
      <pre id={evidenceId} className="doctor-evidence" hidden={!open}>
        {f.evidence.length > 0 ? f.evidence.join('\n') : '(the doctor gave no evidence lines)'}
      </pre>
      <div className="doctor-next">
        <span>Next step:</span> <code>{f.nextStep}</code>{' '}
        <CopyButton text={f.nextStep} what="the next step" />
      </div>
    </li>
  );
}
