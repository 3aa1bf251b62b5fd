import { useState } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import type { Finding, FindingCause } from '../../../src-main/contract/domain/node-pods';
import { useApi } from '../../api/ApiProvider';
import { focusManifestLine } from '../../state/manifest-focus';
import { FindingItem } from './FindingsList';

/**
 * One root cause, before every finding: what does not work and the evidence read, the line that
 * broke it (opened in the Manifests pane, with the nearest known flag), a one-click rollback of
 * that manifest to its newest backup, and the findings it explains, as its consequences.
 */
export function CauseItem({
  cause,
  consequences,
  node,
}: {
  cause: FindingCause;
  consequences: Finding[];
  node: NodeSummary | null;
}) {
  const { client } = useApi();
  const [rollback, setRollback] = useState<{ busy: boolean; said: string | null }>({
    busy: false,
    said: null,
  });
  const flag = cause.badFlag;
  const fileName = flag ? flag.manifestPath.slice(flag.manifestPath.lastIndexOf('/') + 1) : null;
  const rollBack = async () => {
    if (!node || !cause.rollback) return;
    setRollback({ busy: true, said: null });
    try {
      const result = await client.call('manifests.rollback', {
        id: node.id,
        name: cause.rollback.manifestName,
      });
      setRollback({
        busy: false,
        said:
          result.status === 'rolled-back'
            ? `Rolled back ${result.name} on ${node.name} from ${result.restoredFrom}; the kubelet restarts the pod within seconds.`
            : result.message,
      });
    } catch (e) {
      setRollback({ busy: false, said: `Rollback failed: ${(e as Error).message}` });
    }
  };
  return (
    <li className="pods-finding pods-finding-error pods-cause" data-cause={cause.kind}>
      <details open>
        <summary>
          <span className="pods-severity">cause</span> {cause.title}
          {consequences.length > 0 ? (
            <span className="pods-muted">
              {' '}
              · explains {consequences.length} finding{consequences.length === 1 ? '' : 's'}
            </span>
          ) : null}
        </summary>
        <p>{cause.explanation}</p>
        <pre className="pods-evidence" aria-label="Evidence">
          {cause.evidence.join('\n')}
        </pre>
        {flag && fileName && node ? (
          <p className="pods-bad-flag">
            {flag.line !== null ? (
              <button type="button" onClick={() => focusManifestLine(node.id, fileName, flag.line as number)}>
                Open {fileName} line {flag.line}
              </button>
            ) : null}{' '}
            <code>{flag.flag}</code>
            {flag.suggestion ? (
              <>
                {' '}
                → did you mean <code>{flag.suggestion}</code>?
              </>
            ) : null}
          </p>
        ) : null}
        {cause.rollback && node ? (
          <p className="pods-rollback">
            <button type="button" disabled={rollback.busy} onClick={() => void rollBack()}>
              Roll back {cause.rollback.manifestName} on {node.name}
            </button>{' '}
            {rollback.said ? <span role="status">{rollback.said}</span> : null}
          </p>
        ) : null}
        <p className="pods-next">Next: {cause.nextStep}</p>
        {consequences.length > 0 ? (
          <ul className="pods-findings pods-consequences" aria-label={`Consequences of: ${cause.title}`}>
            {consequences.map((f, i) => (
              <FindingItem
                key={`${f.kind}-${f.podUid ?? ''}-${f.manifestPath ?? ''}-${i}`}
                finding={f}
                compact
              />
            ))}
          </ul>
        ) : null}
      </details>
    </li>
  );
}
