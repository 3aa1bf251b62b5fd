// The kubelet model against the corpus of real kubelet outcomes (test/fixtures/kubelet-corpus):
// every manifest at every kubelet version its expectation holds for, and every directory
// listing. A failure prints the case's file, the expected outcome and the upstream source.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ASSUMED_VERSION } from '../../../src-main/kubelet/kubelet-version';
import { judgeDirectory, type DirectoryEntryInput } from '../../../src-main/kubelet/manifest-directory-rules';
import { judgeManifest } from '../../../src-main/kubelet/manifest-verdict';
import {
  CORPUS_DIR,
  caseBytes,
  casePath,
  caseVersions,
  describeCase,
  loadCorpus,
  sameValue,
  valueAt,
  type CorpusDirectory,
} from '../../support/kubelet-corpus';

const corpus = loadCorpus();

describe('the kubelet model agrees with the corpus of real kubelet outcomes', () => {
  it('has at least 80 manifests, each citing a source', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(80);
    for (const c of corpus.cases) expect(c.source, c.id).toMatch(/\S/);
    for (const d of corpus.directories) expect(d.source, d.id).toMatch(/\S/);
  });

  it.each(corpus.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const bytes = caseBytes(c);
    const problems: string[] = [];
    const versions = caseVersions(c);
    expect(versions.length, `${c.id} applies to no version the model knows`).toBeGreaterThan(0);
    for (const version of versions) {
      const verdict = judgeManifest({
        bytes,
        path: casePath(corpus, c),
        nodeName: c.nodeName ?? corpus.defaults.nodeName,
        version,
      });
      const fail = (problem: string) => problems.push(describeCase(c, version.text, problem));
      if ('accepted' in c.expect) {
        const want = c.expect.accepted;
        if (!verdict.accepted) {
          fail(`rejected it (${verdict.stage}): ${verdict.error}`);
          continue;
        }
        if (verdict.pod.name !== want.name || verdict.pod.namespace !== want.namespace)
          fail(`named it ${verdict.pod.namespace}/${verdict.pod.name}`);
        if (want.uid !== undefined && verdict.pod.manifestUid !== want.uid)
          fail(`UID ${verdict.pod.manifestUid}`);
        for (const [at, value] of Object.entries(want.values ?? {})) {
          const got = valueAt(verdict.object, at);
          if (!sameValue(value, got)) fail(`${at} is ${JSON.stringify(got)}`);
        }
      } else {
        const want = c.expect.rejected;
        if (verdict.accepted) {
          fail(`accepted it as ${verdict.pod.key}`);
          continue;
        }
        const wordingOk =
          want.error !== undefined
            ? verdict.error === want.error
            : verdict.error.startsWith(want.errorPrefix ?? '');
        if (!wordingOk || verdict.stage !== want.stage)
          fail(`rejected it (${verdict.stage}): ${verdict.error}`);
      }
    }
    expect(problems, problems.join('\n\n')).toEqual([]);
  });
});

function directoryEntries(d: CorpusDirectory): DirectoryEntryInput[] {
  const byName = new Map(d.entries.map((e) => [e.name, e]));
  return d.entries.map((e): DirectoryEntryInput => {
    if (e.type === 'file')
      return { name: e.name, type: 'file', bytes: readFileSync(path.join(CORPUS_DIR, e.file)) };
    if (e.type === 'directory') return { name: e.name, type: 'directory' };
    if (e.type === 'fifo') return { name: e.name, type: 'other' };
    const target = byName.get(e.target);
    if (target?.type === 'file')
      return {
        name: e.name,
        type: 'file',
        symlink: true,
        bytes: readFileSync(path.join(CORPUS_DIR, target.file)),
      };
    return { name: e.name, type: 'missing', symlink: true };
  });
}

describe('the directory rules agree with the corpus', () => {
  it.each(corpus.directories.map((d) => [d.id, d] as const))('%s', (_id, d) => {
    const judged = judgeDirectory(
      corpus.defaults.directory,
      directoryEntries(d),
      corpus.defaults.nodeName,
      ASSUMED_VERSION,
    );
    const got = {
      pods: judged.pods,
      lost: judged.entries.flatMap((e) =>
        e.outcome === 'pod' && !e.won ? [{ file: e.name, to: e.lostTo }] : [],
      ),
      ignored: judged.entries
        .filter((e) => e.outcome === 'ignored')
        .map((e) => e.name)
        .sort(),
      errors: judged.entries.flatMap((e) =>
        e.outcome === 'error'
          ? [{ name: e.name, message: e.message, ...(e.verdict ? { err: e.verdict.error } : {}) }]
          : [],
      ),
    };
    const want = { lost: [], ignored: got.ignored, ...d.expect };
    if (!d.expect.ignored) want.ignored = got.ignored;
    expect(got, describeCase(d, ASSUMED_VERSION.text, JSON.stringify(got))).toEqual({
      pods: want.pods,
      lost: want.lost,
      ignored: [...want.ignored].sort(),
      errors: want.errors,
    });
  });
});
