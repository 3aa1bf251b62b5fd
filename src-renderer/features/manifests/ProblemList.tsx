import type { ManifestProblem } from '../../../src-main/contract/domain/manifests';

/** The kubelet's rules broken by a manifest, by line, as the editor marks them. */
export function ProblemList({ problems }: { problems: ManifestProblem[] }) {
  return (
    <ul className="manifest-problems" aria-label="Problems">
      {problems.map((p, i) => (
        <li key={i} className={`manifest-problem-${p.severity}`}>
          <span className="manifest-problem-severity">{p.severity === 'error' ? 'Error' : 'Warning'}</span>{' '}
          {p.line !== null ? `line ${p.line}: ` : ''}
          {p.message}
        </li>
      ))}
    </ul>
  );
}
