import type { Finding } from '../../../src-main/contract/domain/node-pods';

/** Findings in plain words with their evidence (quoted verbatim) and the next step. */
export function FindingsList({ findings, compact = false }: { findings: Finding[]; compact?: boolean }) {
  if (findings.length === 0)
    return compact ? null : (
      <p className="pods-ok">No findings: the manifests, the runtime and the API server agree.</p>
    );
  return (
    <ul className="pods-findings" aria-label="Findings">
      {findings.map((f, i) => (
        <li
          key={`${f.kind}-${f.podUid ?? ''}-${f.manifestPath ?? ''}-${i}`}
          className={`pods-finding pods-finding-${f.severity}`}
        >
          <details open={!compact || f.severity === 'error'}>
            <summary>
              <span className="pods-severity">{f.severity}</span> {f.title}
            </summary>
            <p>{f.explanation}</p>
            <pre className="pods-evidence" aria-label="Evidence">
              {f.evidence.join('\n')}
            </pre>
            <p className="pods-next">Next: {f.nextStep}</p>
          </details>
        </li>
      ))}
    </ul>
  );
}
