import type { ApplyVerdictKind, ApplyWatchStep } from '../../../src-main/contract/domain/manifest-watch';
import type { ApplyWatchView, WatchPhaseView } from './useApplyWatch';

const VERDICT_WORDS: Record<ApplyVerdictKind, string> = {
  running: 'Running and ready',
  removed: 'Stopped and removed',
  'crash-looping': 'Crash-looping',
  rejected: 'Rejected by the kubelet',
  'not-picked-up': 'Not picked up',
  'timed-out': 'Not ready in time',
};

const STEP_ICON: Record<ApplyWatchStep['state'], string> = {
  pending: '…',
  done: '✓',
  failed: '✗',
  skipped: '–',
};

function Phase({ phase }: { phase: WatchPhaseView }) {
  const verdict = phase.verdict;
  return (
    <div className="watch-phase" data-phase={phase.phase}>
      <h4>
        {phase.phase === 'apply' ? 'After the save' : 'After the rollback'}: {phase.namespace}/{phase.podName}
      </h4>
      <ol className="watch-steps">
        {phase.steps.map((step) => (
          <li
            key={step.id}
            className={`watch-step watch-step-${step.state}`}
            data-step={step.id}
            data-state={step.state}
          >
            <span className="watch-step-icon" aria-hidden="true">
              {STEP_ICON[step.state]}
            </span>
            <span className="watch-step-label">{step.label}</span>
            {step.detail ? <span className="watch-step-detail">{step.detail}</span> : null}
            {step.atMs !== null ? (
              <span className="watch-step-time">{(step.atMs / 1000).toFixed(1)} s</span>
            ) : null}
          </li>
        ))}
      </ol>
      {verdict ? (
        <div
          className={`watch-verdict watch-verdict-${verdict.kind}`}
          role="status"
          data-verdict={verdict.kind}
        >
          <strong>{VERDICT_WORDS[verdict.kind]}</strong> — {verdict.summary}
          {verdict.detail ? <div className="watch-verdict-detail">{verdict.detail}</div> : null}
          {verdict.evidence.length > 0 ? (
            <pre className="watch-evidence">{verdict.evidence.join('\n')}</pre>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/**
 * The live progress of "apply and watch", its verdict and the one-click rollback (issue 5 point
 * 5). The header always carries the latest verdict in words (never clipped by the steps below);
 * after a rollback that is the rollback's own verdict, and Roll back is offered no more.
 */
export function WatchPanel({
  view,
  onRollback,
  onClose,
  rollingBack,
}: {
  view: ApplyWatchView;
  onRollback(): void;
  onClose(): void;
  rollingBack: boolean;
}) {
  const applyPhase = view.phases.find((p) => p.phase === 'apply');
  const rollbackPhase = view.phases.find((p) => p.phase === 'rollback');
  const failed = applyPhase?.verdict && applyPhase.verdict.kind !== 'running';
  const rolledBack = view.rollback !== null || rollbackPhase !== undefined;
  const latestPhase = [...view.phases].reverse().find((p) => p.verdict) ?? null;
  const latest = latestPhase?.verdict ?? null;
  return (
    <section className="watch-panel" aria-label="Apply and watch" data-testid="watch-panel">
      <header className="watch-header">
        <strong>{view.name}</strong>
        {latest ? (
          <span
            className={`watch-badge watch-badge-${latest.kind}`}
            data-testid="watch-latest"
            data-phase={latestPhase?.phase}
            data-latest-verdict={latest.kind}
          >
            {latestPhase?.phase === 'rollback' ? 'Rolled back: ' : ''}
            {VERDICT_WORDS[latest.kind]}
          </span>
        ) : null}
        {view.running ? <span className="manifest-muted">watching the kubelet…</span> : null}
        <span className="watch-actions">
          {failed && !rolledBack ? (
            <button type="button" className="danger" onClick={onRollback} disabled={rollingBack}>
              {rollingBack ? 'Rolling back…' : 'Roll back'}
            </button>
          ) : null}
          <button type="button" onClick={onClose} aria-label="Close the watch">
            {view.running ? 'Stop watching' : 'Close'}
          </button>
        </span>
      </header>
      {latest ? <p className="watch-summary">{latest.summary}</p> : null}
      {view.rollback ? (
        <p className={`watch-rollback watch-rollback-${view.rollback.state}`}>{view.rollback.message}</p>
      ) : null}
      {[...view.phases].reverse().map((phase) => (
        <Phase key={phase.phase} phase={phase} />
      ))}
      {view.notices.map((n, i) => (
        <p key={i} className="manifest-note">
          {n}
        </p>
      ))}
      {view.error ? <p className="manifest-error">{view.error}</p> : null}
      <details className="watch-log" open={view.lines.length > 0 && view.lines.length < 12}>
        <summary>The kubelet's log lines about this pod ({view.lines.length})</summary>
        <pre>
          {view.lines.map((l) => l.raw).join('\n') ||
            'None yet (at its default verbosity the kubelet logs little about a healthy pod).'}
        </pre>
      </details>
    </section>
  );
}
