import fc from 'fast-check';
import { describe, it, vi } from 'vitest';
import { parseKubectlError } from '../../../src-main/node/api/kubectl-error';
import { parseKubectlPodList } from '../../../src-main/node/api/kubectl-pod-json';
import { parseCrictlInspect, parseCrictlInspectp } from '../../../src-main/node/cri/crictl-inspect';
import { parseCrictlInspectpTable } from '../../../src-main/node/cri/crictl-inspectp-table';
import { parseCrictlContainersJson, parseCrictlPodsJson } from '../../../src-main/node/cri/crictl-list-json';
import { splitCrictlStderr } from '../../../src-main/node/cri/crictl-stderr';
import { parseFollowedEntry } from '../../../src-main/node/journal/followed-entry';
import { parseJournalJsonLine } from '../../../src-main/node/journal/journal-json';
import { joinKlogLines } from '../../../src-main/node/journal/klog-multiline';
import { parseKlogLine } from '../../../src-main/node/journal/klog-line';
import { readPrefix } from '../../../src-main/node/journal/log-prefix';
import { parseBatchOutput } from '../../../src-main/node/batch/batch-script';
import { parseCrashDetails } from '../../../src-main/node/snapshot/crash-details-command';
import { readTarFiles } from '../../../src-main/node/snapshot/tar-entries';
import { anyText, deepJson, expectClean, fuzz, FUZZ_TEST_TIMEOUT } from './fuzz-harness';
import { readReal } from '../parsers/fixtures';

vi.setConfig({ testTimeout: FUZZ_TEST_TIMEOUT });

// Every parser of what crictl, kubectl and journalctl print on a node: no input may throw out of
// it or keep it busy (docs/security.md "Input from nodes and users").

const lines = (...names: string[]) =>
  names.flatMap((name) =>
    readReal(name)
      .split('\n')
      .filter((l) => l.trim().length > 0),
  );
const whole = (...names: string[]) => names.map((name) => readReal(name));

const crictlJson = whole('crictl-inspect-2017-2018-excerpts.txt');
const kubectlJson = whole(
  'kubectl-static-pod-json-excerpts.txt',
  'kubectl-mirror-pod-kube-scheduler-v1.29.yaml',
);
const journalLines = lines('journalctl-o-json-lines-2023.txt');
const klogLines = lines('kubelet-journal-static-pods.txt', 'kubeadm-upgrade-apply-v1.30.0.txt');
const tables = lines('crictl-tables-historical.txt', 'crictl-ps-v1.24-containerd-pod-column.txt');

const jsonInputs = (samples: string[]) =>
  fc.oneof({ weight: 5, arbitrary: anyText(samples) }, { weight: 1, arbitrary: deepJson() });

describe('fuzzing crictl output', () => {
  it('crictl pods/ps -o json', () => {
    expectClean(
      fuzz('crictl pods -o json', jsonInputs(crictlJson), parseCrictlPodsJson),
      fuzz('crictl ps -o json', jsonInputs(crictlJson), parseCrictlContainersJson),
    );
  });
  it('crictl inspect, inspectp (JSON and table), stderr', () => {
    expectClean(
      fuzz('crictl inspect', jsonInputs(crictlJson), parseCrictlInspect),
      fuzz('crictl inspectp', jsonInputs(crictlJson), parseCrictlInspectp),
      fuzz('crictl inspectp table', anyText(tables), parseCrictlInspectpTable),
      fuzz('crictl stderr', anyText(tables), splitCrictlStderr),
    );
  });
});

describe('fuzzing kubectl output', () => {
  it('kubectl get pods -o json and its errors', () => {
    expectClean(
      fuzz('kubectl get -o json', jsonInputs(kubectlJson), parseKubectlPodList),
      fuzz('kubectl stderr', anyText(lines('kubectl-static-pod-lifecycle-v1.24.txt')), parseKubectlError),
    );
  });
});

describe('fuzzing the journal and klog', () => {
  const deepMessage = deepJson((nested) => `{"__CURSOR":"s=1","MESSAGE":${nested}}`);
  const journalInputs = fc.oneof(
    { weight: 5, arbitrary: anyText(journalLines) },
    { weight: 1, arbitrary: deepMessage },
  );
  it('journalctl -o json lines', () => {
    expectClean(
      fuzz('journal json line', journalInputs, parseJournalJsonLine),
      fuzz('journal followed entry', journalInputs, parseFollowedEntry),
    );
  });
  it('klog lines, prefixes and multi-line records', () => {
    expectClean(
      fuzz('klog line', anyText(klogLines), parseKlogLine),
      fuzz('log line prefix', anyText(klogLines), readPrefix),
      fuzz('klog multi-line join', fc.array(anyText(klogLines), { maxLength: 50 }), (l) => joinKlogLines(l)),
    );
  });
});

describe('fuzzing batch outputs of the node scripts', () => {
  const batch = fc.oneof(
    anyText(['\u0000section\u0000 0\nbody\n', '##ks-section config 0 12\n']),
    fc.uint8Array({ maxLength: 4000 }).map((b) => Buffer.from(b).toString('latin1')),
  );
  it('sections, tar streams and crash details', () => {
    expectClean(fuzz('batch output', batch, (t) => parseBatchOutput(Buffer.from(t, 'latin1'))));
    expectClean(fuzz('tar stream', fc.uint8Array({ maxLength: 8000 }), (b) => readTarFiles(Buffer.from(b))));
    expectClean(
      fuzz('crash details', batch, (t) => parseCrashDetails(Buffer.from(t, 'latin1'), ['0123456789ab'])),
    );
  });
});
