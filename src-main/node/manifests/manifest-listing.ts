/**
 * Pure parsers of the manifest scripts' output: the NUL-delimited `find -printf` listing
 * (manifest-commands.ts FIND_FORMAT) and the file contents that come with it.
 */
import { parseBatchOutput, type BatchSection } from '../batch/batch-script';

export interface RawManifestEntry {
  name: string;
  /** find %y: f file, d directory, l symlink, p fifo, s socket, b/c device. */
  type: string;
  /** find %Y: the type after following a symlink (N: dangling, L: loop). */
  targetType: string;
  size: number;
  owner: string;
  group: string;
  /** Octal permission bits, 4 digits ("0600"). */
  mode: string;
  mtime: number;
  symlinkTarget: string | null;
}

const FIELDS = 9;

export function parseFindListing(stdout: Buffer): RawManifestEntry[] {
  const parts = stdout.toString('utf8').split('\0');
  const entries: RawManifestEntry[] = [];
  for (let i = 0; i + FIELDS <= parts.length; i += FIELDS) {
    const [name, type, targetType, size, owner, group, mode, mtime, link] = parts.slice(i, i + FIELDS) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    entries.push({
      name,
      type,
      targetType,
      size: Number(size) || 0,
      owner,
      group,
      mode: mode.padStart(4, '0'),
      mtime: Math.round(Number(mtime) * 1000) || 0,
      symlinkTarget: type === 'l' ? link : null,
    });
  }
  return entries;
}

export interface ManifestListing {
  kind: 'missing' | 'dir' | 'file';
  entries: RawManifestEntry[];
  /** First bytes (up to the kubelet's limit + 1) of every non-dot regular file, by name. */
  contents: Map<string, Buffer>;
  /** What went wrong reading the listing, if anything. */
  error: string | null;
}

function text(section: BatchSection | undefined): string {
  return section ? section.stdout.toString('utf8') : '';
}

export function parseManifestListing(stdout: Buffer): ManifestListing {
  const sections = parseBatchOutput(stdout);
  const kind = text(sections.get('kind'));
  if (kind === 'missing') return { kind: 'missing', entries: [], contents: new Map(), error: null };
  const list = sections.get('list');
  const contents = new Map<string, Buffer>();
  for (let i = 0; sections.has(`n.${i}`); i++) {
    const content = sections.get(`c.${i}`);
    if (content && content.code === 0) contents.set(text(sections.get(`n.${i}`)), content.stdout);
  }
  const error = !list
    ? 'the listing did not run'
    : list.code !== 0
      ? list.stderr.trim() || `find exited ${list.code}`
      : null;
  return {
    kind: kind === 'file' ? 'file' : 'dir',
    entries: list ? parseFindListing(list.stdout) : [],
    contents,
    error,
  };
}

/** The sections of a write script (save, delete, rollback) as plain strings. */
export function scriptValues(stdout: Buffer): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, section] of parseBatchOutput(stdout)) values.set(name, section.stdout.toString('utf8'));
  return values;
}
