/**
 * Loads test/fixtures/kubelet-corpus (see its README.md): the manifests with what the real kubelet
 * does with each, and the directory listings. Shared by the model's corpus test and the simulated
 * kubelet's corpus test, so both are held to the same cases.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  NEWEST_KNOWN_MINOR,
  OLDEST_KNOWN_MINOR,
  type KubeletVersion,
} from '../../src-main/kubelet/kubelet-version';

export const CORPUS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/kubelet-corpus',
);

export type Stage = 'read' | 'yaml' | 'kind' | 'decode' | 'validation' | 'static-pod';

export interface CorpusCase {
  id: string;
  title: string;
  file?: string;
  generate?: { base: string; padTo: number };
  path?: string;
  nodeName?: string;
  versions?: { from?: string; until?: string };
  expect:
    | {
        accepted: {
          name: string;
          namespace: string;
          uid?: string;
          values?: Record<string, unknown>;
        };
      }
    | { rejected: { error?: string; errorPrefix?: string; stage: Stage } };
  source: string;
  oracle: string;
}

export interface CorpusDirectory {
  id: string;
  title: string;
  entries: Array<
    | { name: string; type: 'file'; file: string }
    | { name: string; type: 'directory' }
    | { name: string; type: 'symlink'; target: string }
    | { name: string; type: 'fifo' }
  >;
  expect: {
    pods: Array<{ key: string; file: string }>;
    lost?: Array<{ file: string; to: string }>;
    ignored?: string[];
    errors: Array<{ name: string; message: string; err?: string }>;
  };
  source: string;
}

export interface Corpus {
  defaults: { nodeName: string; directory: string };
  cases: CorpusCase[];
  directories: CorpusDirectory[];
}

export function loadCorpus(): Corpus {
  return JSON.parse(readFileSync(path.join(CORPUS_DIR, 'cases.json'), 'utf8')) as Corpus;
}

/** The bytes of a case: its file, or a base file padded with a YAML comment to `padTo` bytes. */
export function caseBytes(c: CorpusCase): Buffer {
  if (c.generate) {
    const base = readFileSync(path.join(CORPUS_DIR, 'files', c.generate.base));
    const padding = c.generate.padTo - base.length - 2;
    return Buffer.concat([base, Buffer.from(`#${'x'.repeat(padding)}\n`)]);
  }
  return readFileSync(path.join(CORPUS_DIR, c.file as string));
}

export function casePath(corpus: Corpus, c: CorpusCase): string {
  return c.path ?? `${corpus.defaults.directory}/${path.basename(c.file as string)}`;
}

const minorOf = (v: string) => Number(v.split('.')[1]);

/** The kubelet versions a case's expectation holds for, within what the model knows. */
export function caseVersions(c: CorpusCase): KubeletVersion[] {
  const from = c.versions?.from ? minorOf(c.versions.from) : OLDEST_KNOWN_MINOR;
  const until = c.versions?.until ? minorOf(c.versions.until) : NEWEST_KNOWN_MINOR;
  const out: KubeletVersion[] = [];
  for (let minor = Math.max(from, OLDEST_KNOWN_MINOR); minor <= Math.min(until, NEWEST_KNOWN_MINOR); minor++)
    out.push({ major: 1, minor, patch: 0, text: `v1.${minor}.0`, source: 'assumed' });
  return out;
}

/** A dotted path ("spec.containers[0].env[0].value") into a decoded pod. */
export function valueAt(object: unknown, dotted: string): unknown {
  let value: unknown = object;
  for (const part of dotted.split('.')) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    value = (value as Record<string, unknown> | undefined)?.[m[1]];
    for (const index of m[2].match(/\d+/g) ?? []) value = (value as unknown[] | undefined)?.[Number(index)];
  }
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** `null` in the corpus means "absent or empty", as Go leaves an omitted or null string. */
export function sameValue(expected: unknown, actual: unknown): boolean {
  if (expected === null) return actual === undefined || actual === null || actual === '';
  return JSON.stringify(expected) === JSON.stringify(actual);
}

/** How a failing case reads: the file, what the kubelet does, and where that is known from. */
export function describeCase(c: CorpusCase | CorpusDirectory, version: string, problem: string): string {
  const file =
    'file' in c && c.file
      ? c.file
      : 'generate' in c && c.generate
        ? `generated from ${c.generate.base}`
        : '(directory)';
  return [
    `corpus case ${c.id} (${c.title}) at kubelet ${version}`,
    `  file:     test/fixtures/kubelet-corpus/${file}`,
    `  expected: ${JSON.stringify(c.expect)}`,
    `  source:   ${c.source}`,
    `  model:    ${problem}`,
  ].join('\n');
}
