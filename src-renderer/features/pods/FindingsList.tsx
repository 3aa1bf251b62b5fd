import type { NodeSummary } from '../../../src-main/contract';
import type { Finding, FindingCause } from '../../../src-main/contract/domain/node-pods';
import { CauseItem } from './CauseItem';

export function FindingItem({ finding: f, compact }: { finding: Finding; compact: boolean }) {
  return (
    <li className={`pods-finding pods-finding-${f.severity}`}>
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
  );
}

/**
 * Findings in plain words with their evidence (quoted verbatim) and the next step. Root causes
 * come first, each holding the findings it explains; the findings no cause explains follow.
 */
export function FindingsList({
  findings,
  causes = [],
  node = null,
  compact = false,
}: {
  findings: Finding[];
  causes?: FindingCause[];
  node?: NodeSummary | null;
  compact?: boolean;
}) {
  if (findings.length === 0 && causes.length === 0)
    return compact ? null : (
      <p className="pods-ok">No findings: the manifests, the runtime and the API server agree.</p>
    );
  const known = new Set(causes.map((c) => c.id));
  const loose = findings.filter((f) => !f.causeId || !known.has(f.causeId));
  return (
    <ul className="pods-findings" aria-label="Findings">
      {causes.map((c) => (
        <CauseItem
          key={c.id}
          cause={c}
          node={node}
          consequences={findings.filter((f) => f.causeId === c.id)}
        />
      ))}
      {loose.map((f, i) => (
        <FindingItem
          key={`${f.kind}-${f.podUid ?? ''}-${f.manifestPath ?? ''}-${i}`}
          finding={f}
          compact={compact}
        />
      ))}
    </ul>
  );
}
