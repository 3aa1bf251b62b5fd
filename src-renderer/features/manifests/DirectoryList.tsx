import type {
  ManifestDirectory,
  ManifestEntry,
  ManifestFinding,
} from '../../../src-main/contract/domain/manifests';

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

/** The directory as the kubelet sees it (issue 5 point 2): every entry and what the kubelet makes of it. */
export function DirectoryList({
  directory,
  selected,
  onOpen,
}: {
  directory: ManifestDirectory;
  selected: string | null;
  onOpen(entry: ManifestEntry): void;
}) {
  const flagged = new Map<string, ManifestFinding['severity']>();
  for (const f of directory.findings)
    for (const file of f.files) if (flagged.get(file) !== 'danger') flagged.set(file, f.severity);
  return (
    <div className="manifest-directory">
      <p className="manifest-path" title={directory.sourceExplanation}>
        {directory.path ? <code>{directory.path}</code> : <strong>No static pod path</strong>}{' '}
        <span className="manifest-muted">
          —{' '}
          {directory.staticPodsDisabled
            ? 'static pods are off (staticPodPath is empty)'
            : SOURCE_WORDS[directory.source]}
        </span>
      </p>
      <Findings findings={directory.findings} />
      {directory.path && !directory.exists ? (
        <p className="manifest-note">
          The directory does not exist: the kubelet runs no static pods from it (docs/kubelet.md §1.1).
        </p>
      ) : null}
      {directory.exists && directory.entries.length === 0 ? (
        <p className="manifest-note">The directory is empty. Create a manifest from a template with “New”.</p>
      ) : null}
      {directory.entries.length > 0 ? (
        <table className="manifest-table">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">What the kubelet makes of it</th>
              <th scope="col">Size</th>
              <th scope="col">Owner, mode</th>
              <th scope="col">Modified</th>
            </tr>
          </thead>
          <tbody>
            {directory.entries.map((entry) => {
              const verdict = verdictText(entry);
              const flag = flagged.get(entry.name);
              const openable = entry.type !== 'directory' && entry.type !== 'other';
              return (
                <tr
                  key={entry.name}
                  className={entry.name === selected ? 'selected' : undefined}
                  data-flag={flag}
                  aria-selected={entry.name === selected}
                >
                  <td>
                    {openable ? (
                      <button
                        type="button"
                        className="manifest-link"
                        onClick={() => onOpen(entry)}
                        title={entry.explanation}
                      >
                        {entry.name}
                      </button>
                    ) : (
                      <span title={entry.explanation}>{entry.name}</span>
                    )}
                    {flag ? (
                      <span className={`manifest-flag manifest-flag-${flag}`}>
                        {flag === 'danger' ? '⚠ danger' : flag}
                      </span>
                    ) : null}
                  </td>
                  <td className={`manifest-verdict manifest-tone-${verdict.tone}`} title={entry.explanation}>
                    {verdict.text}
                  </td>
                  <td>{entry.type === 'file' ? formatSize(entry.size) : ''}</td>
                  <td>
                    {entry.owner}:{entry.group} {entry.mode}
                  </td>
                  <td title={new Date(entry.mtime).toISOString()}>{formatTime(entry.mtime)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
