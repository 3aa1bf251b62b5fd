/**
 * The control-plane doctor (docs/doctor.md): "Run checks" (R) reads the node's certificates,
 * cgroup driver, etcd, conditions and images in one `doctor.run`; the findings follow, grouped
 * by area, worst first, each with its evidence and a copyable next step; every check that could
 * not run says what and why. "Save bundle" writes the break-glass archive and says where.
 */
import { forwardRef, useState, type KeyboardEvent } from 'react';
import type { NodeSummary } from '../../../src-main/contract';
import type { DoctorReport } from '../../../src-main/contract/domain/doctor';
import { useApi } from '../../api/ApiProvider';
import { useAnnounce } from '../../components/Announcer';
import { CopyButton } from '../../components/CopyButton';
import { EmptyState } from '../../components/EmptyState';
import { NotConnected, StaleNote } from '../../components/NotConnected';
import { Pane } from '../../components/Pane';
import { notReadyMessage, staleSince } from '../paneMessages';
import { BundleDialog, type BundleOutcome } from './BundleDialog';
import { CertificateTable } from './CertificateTable';
import { DoctorAreaSection } from './DoctorAreaSection';
import { groupByArea, summaryLine } from './doctor-view';
import './doctor.css';

interface NodeRun {
  running: boolean;
  report: DoctorReport | null;
  error: string | null;
}

const IDLE: NodeRun = { running: false, report: null, error: null };

/** R runs the checks unless the keys are going into a field or a dialog. */
function isRunKey(event: KeyboardEvent<HTMLElement>): boolean {
  if (event.key.toLowerCase() !== 'r' || event.altKey || event.ctrlKey || event.metaKey) return false;
  const target = event.target as HTMLElement;
  return !target.closest('input, textarea, select, [contenteditable="true"], dialog');
}

export const DoctorPane = forwardRef<HTMLElement, { node: NodeSummary | null; nodes: NodeSummary[] }>(
  function DoctorPane({ node, nodes }, ref) {
    const { client } = useApi();
    const announce = useAnnounce();
    // Per node, so switching nodes keeps each one's last report.
    const [runs, setRuns] = useState<Record<string, NodeRun>>({});
    const [bundleOpen, setBundleOpen] = useState(false);
    const [bundle, setBundle] = useState<BundleOutcome | null>(null);
    const run = node ? (runs[node.id] ?? IDLE) : IDLE;
    const message = notReadyMessage(node, "its control plane's health");
    const canRun = node !== null && message === null && !run.running;

    const runChecks = async () => {
      if (!node || !canRun) return;
      const { id, name } = node;
      const update = (next: Partial<NodeRun>) =>
        setRuns((all) => ({ ...all, [id]: { ...(all[id] ?? IDLE), ...next } }));
      // The progress and a failure are said by the pane's own status line; the result here.
      update({ running: true, error: null });
      try {
        const report = await client.call('doctor.run', { id });
        update({ running: false, report });
        announce(`Checks done on ${name}: ${summaryLine(report)}.`);
      } catch (error) {
        update({ running: false, error: (error as Error).message });
      }
    };

    const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
      if (isRunKey(event)) {
        event.preventDefault();
        void runChecks();
      }
    };

    const actions = (
      <>
        <button
          type="button"
          onClick={() => void runChecks()}
          disabled={!canRun}
          aria-keyshortcuts="R"
          title="Run the checks on this node (R)"
        >
          {run.running ? 'Running…' : 'Run checks'} <kbd>R</kbd>
        </button>
        <button
          type="button"
          onClick={() => setBundleOpen(true)}
          disabled={!node || nodes.length === 0}
          title="Save a break-glass archive of one or more nodes"
        >
          Save bundle…
        </button>
      </>
    );

    const report = run.report;
    let body;
    if (message && !report)
      body = (
        <NotConnected node={node} title={message}>
          Certificates, the cgroup driver, etcd, node conditions and images, each finding with its evidence
          and next step.
        </NotConnected>
      );
    else if (!report && !run.running && !run.error)
      body = (
        <EmptyState title="No checks run yet">
          <p>
            Press <kbd>R</kbd> or <strong>Run checks</strong> to read {node?.name}'s certificates, cgroup
            driver, etcd, node conditions and images, even while the API server is down.
          </p>
        </EmptyState>
      );
    else
      body = (
        <div className={`doctor-report${message && report ? ' is-stale' : ''}`}>
          {message && report && node ? <StaleNote node={node} since={staleSince(report.takenAt)} /> : null}
          <div className="doctor-status" role="status">
            {run.running ? (
              <>
                <progress aria-label="Running the checks" /> Running the checks on {node?.name}: certificates,
                cgroup driver, etcd, node conditions, images…
              </>
            ) : run.error ? (
              <span className="doctor-error">The checks could not run: {run.error}</span>
            ) : null}
          </div>
          {report ? <ReportView report={report} /> : null}
        </div>
      );

    return (
      <Pane ref={ref} id="doctor" title="Doctor" shortcut="Alt+6" actions={actions} onKeyDown={onKeyDown}>
        {bundle ? <BundleNote outcome={bundle} onDismiss={() => setBundle(null)} /> : null}
        {body}
        {bundleOpen && node ? (
          <BundleDialog
            nodes={nodes}
            selectedId={node.id}
            onCancel={() => setBundleOpen(false)}
            onDone={(outcome) => {
              setBundleOpen(false);
              setBundle(outcome);
              announce(
                outcome.ok
                  ? `Bundle saved to ${outcome.result.path}.`
                  : `The bundle failed: ${outcome.error}`,
              );
            }}
          />
        ) : null}
      </Pane>
    );
  },
);

function ReportView({ report }: { report: DoctorReport }) {
  const areas = groupByArea(report);
  return (
    <>
      <p className="doctor-summary" data-testid="doctor-summary">
        <strong>{report.nodeName}</strong> · {summaryLine(report)} · read {staleSince(report.takenAt)} ·{' '}
        {report.api.available ? (
          'API server answered'
        ) : (
          <span>
            API server not answering{report.api.reason ? `: ${report.api.reason}` : ''} (findings read on the
            node)
          </span>
        )}
      </p>
      {areas.map((view) => (
        <DoctorAreaSection key={view.area} view={view}>
          {view.area === 'certificates' ? (
            <CertificateTable certificates={report.certificates} ports={report.ports} />
          ) : null}
        </DoctorAreaSection>
      ))}
    </>
  );
}

function BundleNote({ outcome, onDismiss }: { outcome: BundleOutcome; onDismiss(): void }) {
  if (!outcome.ok)
    return (
      <div className="doctor-bundle-note doctor-bundle-failed" role="alert">
        The bundle could not be saved: {outcome.error}{' '}
        <button type="button" className="secondary" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    );
  const { result } = outcome;
  const problems = result.nodes.reduce((n, node) => n + node.problems.length, 0);
  return (
    <div className="doctor-bundle-note" data-testid="doctor-bundle-note">
      Bundle saved: <code>{result.path}</code> <CopyButton text={result.path} what="the bundle's path" /> (
      {(result.bytes / 1024).toFixed(1)} KiB, {result.nodes.length} node{result.nodes.length === 1 ? '' : 's'}
      , {result.redactions} secret{result.redactions === 1 ? '' : 's'} redacted
      {problems > 0 ? `, ${problems} thing${problems === 1 ? '' : 's'} could not be read (problems.txt)` : ''}
      ){' '}
      <button type="button" className="secondary" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
