#!/usr/bin/env node
// Re-checks the decoding cases of the kubelet corpus (test/fixtures/kubelet-corpus/cases.json)
// against a real kubectl binary, offline.
//
// `kubectl set image --local -f FILE '*=IMAGE' -o json` reads FILE with the same libraries the
// kubelet's file source uses for decoding: sigs.k8s.io/yaml's YAMLToJSON (go-yaml v2, YAML 1.1)
// and a typed, non-strict decode into v1.Pod (kubernetes-sigs/json, case-sensitive, unknown
// fields ignored). It contacts no server. Its errors differ from the kubelet's only by the
// wrapper, which this script maps:
//   kubectl: error: unable to decode "F": X                                 (typed decode)
//   kubectl: error: error parsing F: error converting YAML to JSON: X       (YAML → JSON)
//   kubelet: <path>: couldn't parse as pod(X), please check config file
// (sigs.k8s.io/yaml's Unmarshal adds "error converting YAML to JSON:", YAMLToJSON, which the
// kubelet calls through k8s.io/apimachinery/pkg/util/yaml.ToJSON, does not.)
//
// kubectl is NOT an oracle for: multi-document files and lists (kubectl reads every document and
// flattens lists; the kubelet reads one Pod), non-Pod kinds, JSON input (kubectl streams it),
// encodings (kubectl transcodes byte order marks and replaces invalid UTF-8), validation and
// defaulting (kubectl validates nothing client side). Cases whose `oracle` names kubectl are the
// ones this script runs.
//
// Usage: node scripts/kubelet-corpus-oracle.mjs --kubectl /path/to/kubectl [--kubectl …]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.join(root, 'test/fixtures/kubelet-corpus');
const { defaults, cases } = JSON.parse(readFileSync(path.join(corpusDir, 'cases.json'), 'utf8'));

const kubectls = [];
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--kubectl' && process.argv[i + 1]) kubectls.push(process.argv[++i]);
}
if (kubectls.length === 0) {
  console.error('usage: node scripts/kubelet-corpus-oracle.mjs --kubectl /path/to/kubectl [--kubectl …]');
  process.exit(2);
}

const work = mkdtempSync(path.join(tmpdir(), 'kubelet-corpus-oracle-'));
const kubeconfig = path.join(work, 'empty-kubeconfig');
writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\n');

function valueAt(object, dotted) {
  let value = object;
  for (const part of dotted.split('.')) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    value = value?.[m[1]];
    for (const index of m[2].match(/\d+/g) ?? []) value = value?.[Number(index)];
  }
  return value;
}

function sameValue(expected, actual) {
  if (expected === null) return actual === undefined || actual === null || actual === '';
  return JSON.stringify(expected) === JSON.stringify(actual);
}

function kubeletPath(c) {
  return c.path ?? `${defaults.directory}/${path.basename(c.file)}`;
}

/** Runs kubectl on the case's bytes; returns { ok, object } or { ok: false, inner }. */
function runKubectl(kubectl, c) {
  const bytes = readFileSync(path.join(corpusDir, c.file));
  const file = path.join(work, path.basename(c.file));
  writeFileSync(file, bytes);
  const r = spawnSync(
    kubectl,
    ['set', 'image', '--local', '-f', file, '*=oracle.invalid/probe:0', '-o', 'json'],
    {
      env: { ...process.env, KUBECONFIG: kubeconfig },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (r.status === 0) return { ok: true, object: JSON.parse(r.stdout) };
  const line = r.stderr.split('\n').find((l) => l.startsWith('error: ')) ?? r.stderr.trim();
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const decode = new RegExp(`^error: unable to decode "${escaped}": ([\\s\\S]*)$`).exec(line);
  const parse = new RegExp(
    `^error: error parsing ${escaped}: error converting YAML to JSON: ([\\s\\S]*)$`,
  ).exec(line);
  const inner = decode?.[1] ?? parse?.[1];
  return inner === undefined ? { ok: false, unmapped: line } : { ok: false, inner };
}

function version(kubectl) {
  const r = spawnSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  try {
    return JSON.parse(r.stdout).clientVersion.gitVersion;
  } catch {
    return '?';
  }
}

/** "1.33" → 133, to compare minor versions. */
const minorNumber = (v) => {
  const m = /^v?1\.(\d+)/.exec(v);
  return m ? Number(m[1]) : NaN;
};

/** A case limited to some kubelet versions is checked only with a kubectl of those versions (same libraries). */
function appliesTo(c, minor) {
  if (c.versions?.from && minor < minorNumber(c.versions.from)) return false;
  if (c.versions?.until && minor > minorNumber(c.versions.until)) return false;
  return true;
}

let failures = 0;
let checked = 0;
for (const kubectl of kubectls) {
  const gitVersion = version(kubectl);
  console.log(`# ${kubectl} (${gitVersion})`);
  for (const c of cases) {
    if (!c.file || !/kubectl/.test(c.oracle) || !appliesTo(c, minorNumber(gitVersion))) continue;
    checked++;
    const r = runKubectl(kubectl, c);
    const decodeStage = c.expect.rejected && ['yaml', 'decode'].includes(c.expect.rejected.stage);
    let problem = null;
    if (r.ok) {
      if (decodeStage) problem = `kubectl decoded it; the corpus expects: ${c.expect.rejected.error}`;
      for (const [at, want] of Object.entries(c.expect.accepted?.values ?? {})) {
        if (at.endsWith('.image')) continue;
        const got = valueAt(r.object, at);
        if (!sameValue(want, got))
          problem = `${at}: kubectl ${JSON.stringify(got)}, corpus ${JSON.stringify(want)}`;
      }
    } else if (r.unmapped !== undefined) {
      problem = `unrecognised kubectl error: ${r.unmapped}`;
    } else {
      const kubelet = `${kubeletPath(c)}: couldn't parse as pod(${r.inner}), please check config file`;
      if (!decodeStage)
        problem = `kubectl refused it (${kubelet}); the corpus expects ${JSON.stringify(c.expect)}`;
      else if (c.expect.rejected.error !== kubelet)
        problem = `kubectl says ${JSON.stringify(kubelet)}; the corpus ${JSON.stringify(c.expect.rejected.error)}`;
    }
    if (problem) {
      failures++;
      console.log(`FAIL ${c.id}: ${problem}`);
    } else {
      console.log(`ok   ${c.id}`);
    }
  }
}
rmSync(work, { recursive: true, force: true });
console.log(`${checked} checks, ${failures} disagreements`);
process.exit(failures > 0 ? 1 : 0);
