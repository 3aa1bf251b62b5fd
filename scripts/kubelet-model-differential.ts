// Differential check of the kubelet model's decoding against a real kubectl binary, on many
// mutations of the real kubeadm manifests (test/fixtures/real): YAML 1.1 scalars dropped into
// fields, lines re-indented, tabs, stray characters, lines removed. kubectl's
// `set image --local -f` runs the same YAML → JSON conversion and typed decode as the kubelet of
// its minor version (see scripts/kubelet-corpus-oracle.mjs for what it can and cannot judge), so
// any disagreement on a mutation is a fidelity gap in the model's decode stage.
//
// Usage: npx tsx scripts/kubelet-model-differential.ts --kubectl /path/to/kubectl [--count 400] [--seed 1]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseKubeletVersion } from '../src-main/kubelet/kubelet-version';
import { judgeManifest } from '../src-main/kubelet/manifest-verdict';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const kubectl = arg('kubectl');
if (!kubectl) {
  console.error(
    'usage: npx tsx scripts/kubelet-model-differential.ts --kubectl /path/to/kubectl [--count N] [--seed S]',
  );
  process.exit(2);
}
const count = Number(arg('count', '400'));
let seed = Number(arg('seed', '1'));
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

const work = mkdtempSync(path.join(tmpdir(), 'kubelet-differential-'));
const kubeconfig = path.join(work, 'kubeconfig');
writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\n');
const versionText = JSON.parse(
  spawnSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' }).stdout,
).clientVersion.gitVersion as string;
const version = parseKubeletVersion(versionText, 'assumed');
if (!version) throw new Error(`cannot read kubectl's version: ${versionText}`);

const bases = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((c) =>
  readFileSync(path.join(root, `test/fixtures/real/kubeadm-v1.32.2-${c}.yaml`), 'utf8'),
);
const SCALARS = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  'N',
  '~',
  'null',
  '0644',
  '0o17',
  '0x1F',
  '1_000',
  '1:20',
  '.inf',
  '-.Inf',
  '.NaN',
  '1e3',
  '1.5',
  '"80"',
  "'x'",
  '!!str 5',
  '!!int "7"',
  '2024-01-01',
  '[]',
  '{}',
  '[a, b]',
  '{a: 1}',
  '-1',
  '4294967296',
  '|\n      block',
  '>-\n      folded',
  '&a x',
  '*a',
  '"\\t"',
  'a: b',
  '@x',
  '`x',
  '%x',
  '? x',
];

function mutate(text: string): string {
  const lines = text.split('\n');
  const i = Math.floor(random() * (lines.length - 1));
  const line = lines[i];
  switch (Math.floor(random() * 6)) {
    case 0:
    case 1: {
      const m = /^(\s*-?\s*[\w.-]+:)\s*(.*)$/.exec(line) ?? /^(\s*-)\s*(.*)$/.exec(line);
      if (m) lines[i] = `${m[1]} ${pick(SCALARS)}`;
      break;
    }
    case 2:
      lines[i] = pick([' ', '   ', '\t', '']) + line.replace(/^\s+/, pick(['', ' ', '  ', '    ']));
      break;
    case 3:
      lines.splice(i, 1);
      break;
    case 4:
      lines[i] = line + pick([' #c', ':', ' :', ' - x', ' [', ']', '"', "'", ' &b', '\t']);
      break;
    case 5:
      lines.splice(i, 0, lines[i]);
      break;
  }
  return lines.join('\n');
}

let disagreements = 0;
let checked = 0;
for (let n = 0; n < count; n++) {
  let text = pick(bases);
  const times = 1 + Math.floor(random() * 2);
  for (let k = 0; k < times; k++) text = mutate(text);
  const file = path.join(work, 'manifest.yaml');
  writeFileSync(file, text);
  const r = spawnSync(
    kubectl,
    ['set', 'image', '--local', '-f', file, '*=oracle.invalid/probe:0', '-o', 'json'],
    {
      env: { ...process.env, KUBECONFIG: kubeconfig },
      encoding: 'utf8',
    },
  );
  const line = r.stderr.split('\n').find((l) => l.startsWith('error: ')) ?? '';
  if (
    r.status !== 0 &&
    /no objects passed|unable to recognize|must specify|no kind|is missing in|cannot find container/.test(
      line,
    )
  )
    continue;
  const inner =
    /^error: unable to decode "[^"]*": ([\s\S]*)$/.exec(line)?.[1] ??
    /^error: error parsing [^:]*: error converting YAML to JSON: ([\s\S]*)$/.exec(line)?.[1];
  if (r.status !== 0 && inner === undefined) continue; // a kubectl-only refusal (multi-document …)
  checked++;
  const verdict = judgeManifest({ bytes: Buffer.from(text), path: '/m.yaml', nodeName: 'n', version });
  const modelDecodeError =
    !verdict.accepted &&
    (['yaml', 'decode'].includes(verdict.stage) || verdict.error.includes("couldn't get version/kind"))
      ? verdict.error
      : null;
  const kubectlError =
    inner !== undefined ? `/m.yaml: couldn't parse as pod(${inner}), please check config file` : null;
  if (modelDecodeError !== kubectlError) {
    disagreements++;
    console.log(
      `--- disagreement ${disagreements}\nkubectl: ${kubectlError ?? 'decoded'}\nmodel:   ${modelDecodeError ?? (verdict.accepted ? 'decoded' : `${verdict.stage}: ${verdict.error}`)}\n${text}`,
    );
  }
}
rmSync(work, { recursive: true, force: true });
console.log(`kubectl ${versionText}: ${checked} mutations compared, ${disagreements} disagreements`);
process.exit(disagreements > 0 ? 1 : 0);
