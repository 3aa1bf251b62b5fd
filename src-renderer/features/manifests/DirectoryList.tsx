import { useRef, useState, type KeyboardEvent } from 'react';
import type {
  ManifestDirectory,
  ManifestEntry,
  ManifestFinding,
} from '../../../src-main/contract/domain/manifests';
import { useAnnounce } from '../../components/Announcer';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { listMove } from '../nodes/list-move';
import { clockTime, modifiedSince } from '../timeline/since';

const SOURCE_WORDS: Record<ManifestDirectory['source'], string> = {
  flag: "from the kubelet's --pod-manifest-path flag",
  'config-dir': 'from a --config-dir drop-in',
  config: "from the kubelet's config file (staticPodPath)",
  default: 'a known default (not confirmed by the kubelet)',
  none: 'none: the kubelet has no static pod path',
  url: 'none: static pods come over HTTP (staticPodURL)',
  unknown: "the set-up's usual path (the kubelet's configuration could not be read)",
};

function verdictText(entry: ManifestEntry): { text: string; tone: 'ok' | 'warn' | 'error' | 'muted' } {
  const v = entry.verdict;
  switch (v.kind) {
    case 'pod':
      return v.winner
        ? { text: `pod ${v.namespace}/${v.podName}`, tone: 'ok' }
        : {
            text: `pod ${v.namespace}/${v.podName} — ignored: ${v.shadowedBy ?? 'a later file'} wins`,
            tone: 'warn',
          };
    case 'error':
      return { text: v.error, tone: 'error' };
    case 'ignored-dot':
      return { text: 'ignored (starts with a dot)', tone: 'muted' };
    case 'directory':
      return { text: 'not read (directory)', tone: 'muted' };
    case 'not-regular':
      return { text: `not a file: ${v.detail}`, tone: 'warn' };
  }
}

/** The static pod path and where it came from, on one line (the full story in its title). */
export function DirectoryPath({ directory }: { directory: ManifestDirectory }) {
  const source = directory.staticPodsDisabled
    ? 'static pods are off (staticPodPath is empty)'
    : SOURCE_WORDS[directory.source];
  return (
    <p
      className="manifest-path"
      title={`${directory.path ?? 'No static pod path'} — ${source}\n${directory.sourceExplanation}`}
    >
      {directory.path ? <code>{directory.path}</code> : <strong>No static pod path</strong>}{' '}
      <span className="manifest-muted">— {source}</span>
    </p>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function formatTime(ms: number): string {
  const d = new Date(ms);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString() : d.toLocaleDateString();
}

function Findings({ findings }: { findings: ManifestFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <ul className="manifest-findings" aria-label="Findings">
      {findings.map((f, i) => (
        <li key={i} className={`manifest-finding manifest-finding-${f.severity}`} data-kind={f.kind}>
          {f.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * The directory as the kubelet sees it (issue 5 point 2): every entry and what the kubelet makes
 * of it. The table is one tab stop: ↑/↓ (Home/End) move between files, Enter or Space opens one
 * (a roving tabindex, WAI-ARIA APG "Grid"); a click opens too.
 */
export function DirectoryList({
  directory,
  selected,
  onOpen,
}: {
  directory: ManifestDirectory;
  selected: string | null;
  onOpen(entry: ManifestEntry): void;
}) {
  const announce = useAnnounce();
  const body = useRef<HTMLTableSectionElement>(null);
  const [cursor, setCursor] = useState(0);
  const entries = directory.entries;
  const current = Math.min(entries.length - 1, Math.max(0, cursor));
  const openable = (entry: ManifestEntry) => entry.type !== 'directory' && entry.type !== 'other';
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const entry = entries[current];
    if ((event.key === 'Enter' || event.key === ' ') && entry) {
      event.preventDefault();
      if (openable(entry)) onOpen(entry);
      return;
    }
    const next = listMove(event.key, current, entries.length, 5);
    if (next === null) return;
    event.preventDefault();
    setCursor(next);
    const row = body.current?.rows[next];
    row?.focus();
    const moved = entries[next];
    if (moved) announce(`${moved.name}: ${verdictText(moved).text}`);
  };
  // A moment chosen on the timeline: mark the files modified after it (by their mtime).
  const { since } = useWorkspace();
  const flagged = new Map<string, ManifestFinding['severity']>();
  for (const f of directory.findings)
    for (const file of f.files) if (flagged.get(file) !== 'danger') flagged.set(file, f.severity);
  return (
    <div className="manifest-directory">
      <Findings findings={directory.findings} />
      {directory.path && !directory.exists ? (
        <p className="manifest-note">
          The directory does not exist: the kubelet runs no static pods from it.
        </p>
      ) : null}
      {directory.exists && directory.entries.length === 0 ? (
        <p className="manifest-note">The directory is empty. Create a manifest from a template with “New”.</p>
      ) : null}
      {directory.entries.length > 0 ? (
        <p
          className="manifest-note"
          data-testid="manifest-kubelet-version"
          title={`How the version was read: ${directory.kubeletVersion.evidence}`}
        >
          Verdicts for {directory.kubeletVersion.described}.
        </p>
      ) : null}
      {directory.entries.length > 0 ? (
        <table className="manifest-table">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">What the kubelet makes of it</th>
              <th scope="col" className="manifest-col-extra">
                Size
              </th>
              <th scope="col" className="manifest-col-extra">
                Owner, mode
              </th>
              <th scope="col" className="manifest-col-extra">
                Modified
              </th>
            </tr>
          </thead>
          <tbody ref={body} onKeyDown={onKeyDown}>
            {entries.map((entry, index) => {
              const verdict = verdictText(entry);
              const flag = flagged.get(entry.name);
              const changed = modifiedSince(entry.mtime, since);
              const details = `${entry.type === 'file' ? formatSize(entry.size) : entry.type}, ${entry.owner}:${entry.group} ${entry.mode}, modified ${new Date(entry.mtime).toLocaleString()}`;
              return (
                <tr
                  key={entry.name}
                  className={entry.name === selected ? 'selected' : undefined}
                  data-flag={flag}
                  data-file={entry.name}
                  data-modified-since={changed ? '' : undefined}
                  aria-current={entry.name === selected ? 'true' : undefined}
                  tabIndex={index === current ? 0 : -1}
                  title={`${entry.explanation}\n${details}`}
                  onFocus={() => setCursor(index)}
                  onClick={() => openable(entry) && onOpen(entry)}
                >
                  <td>
                    <span className={openable(entry) ? 'manifest-link' : undefined}>{entry.name}</span>
                    {flag ? (
                      <span className={`manifest-flag manifest-flag-${flag}`}>
                        {flag === 'danger' ? '⚠ danger' : flag}
                      </span>
                    ) : null}
                    {changed ? (
                      <span
                        className="manifest-modified-since"
                        title="Modified after the moment chosen on the timeline (by the file's mtime)"
                      >
                        modified {clockTime(entry.mtime)}
                      </span>
                    ) : null}
                  </td>
                  <td className={`manifest-verdict manifest-tone-${verdict.tone}`}>{verdict.text}</td>
                  <td className="manifest-col-extra">
                    {entry.type === 'file' ? formatSize(entry.size) : ''}
                  </td>
                  <td className="manifest-col-extra">
                    {entry.owner}:{entry.group} {entry.mode}
                  </td>
                  <td className="manifest-col-extra">{formatTime(entry.mtime)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
