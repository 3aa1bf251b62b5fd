/**
 * Where and how the simulated kubelet logs, per set-up: klog JSON as
 * k8s.io/component-base/logs/json writes it (`ts` ms float, `caller` dir/file:line, `msg`, `v`
 * on info lines, `err` last, no level; KObj a `{name, namespace}` object, KObjSlice an array of
 * them — klog k8s_references.go), the journal unit and identifier of the process that hosts
 * the kubelet (k3s: `k3s-agent.service`, `k3s`), logrus lines of that process, the `stderr`
 * target a parent keeps (RKE2), and a vacuum that keeps journald's owner and mode.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src-main/sandbox/engine/clock';
import { KubeletJournal, type JournalOptions } from '../../../../src-main/sandbox/engine/journal/journal';
import type { JournalEntry } from '../../../../src-main/sandbox/model';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function journal(opts: Partial<JournalOptions> = {}): {
  j: KubeletJournal;
  file: string;
  clock: ManualClock;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-output-'));
  dirs.push(dir);
  const file = path.join(dir, 'journal/kubelet.jsonl');
  const clock = new ManualClock(Date.UTC(2025, 1, 10, 15, 25, 20, 281));
  const j = new KubeletJournal({
    file,
    clock,
    pid: 4242,
    hostname: 'controlplane',
    bootId: 'b'.repeat(32),
    verbosity: 2,
    ...opts,
  });
  return { j, file, clock };
}

function entries(file: string): JournalEntry[] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as JournalEntry);
}

describe('--logging-format=json', () => {
  it('writes ts, caller, msg, v, then the pairs; KObj as an object, KObjSlice as an array of objects', () => {
    const { j, file } = journal({ format: 'json' });
    j.info(
      { file: 'kubelet.go', line: 2407 },
      'SyncLoop ADD',
      [
        ['source', 'file'],
        ['pods', ['kube-system/etcd-controlplane']],
      ],
      2,
    );
    j.info({ file: 'mirror_client.go', line: 138 }, 'Creating a mirror pod for static pod', [
      ['pod', 'kube-system/etcd-controlplane'],
    ]);
    const [add, mirror] = entries(file).map((e) => e.MESSAGE);
    expect(add).toBe(
      '{"ts":1739201120281,"caller":"kubelet/kubelet.go:2407","msg":"SyncLoop ADD","v":2,"source":"file","pods":[{"name":"etcd-controlplane","namespace":"kube-system"}]}',
    );
    expect(JSON.parse(mirror as string)).toEqual({
      ts: 1739201120281.001,
      caller: 'pod/mirror_client.go:138',
      msg: 'Creating a mirror pod for static pod',
      v: 0,
      pod: { name: 'etcd-controlplane', namespace: 'kube-system' },
    });
  });

  it('puts err last on error lines and gives them no v, as the fixture line shows', () => {
    const { j, file } = journal({ format: 'json' });
    j.error(
      { file: 'file.go', line: 187 },
      'Could not process manifest file',
      'invalid pod: [spec.containers: Required value]',
      [['path', '/etc/kubernetes/manifests/x.yaml']],
    );
    expect(entries(file)[0]?.MESSAGE).toBe(
      '{"ts":1739201120281,"caller":"config/file.go:187","msg":"Could not process manifest file","path":"/etc/kubernetes/manifests/x.yaml","err":"invalid pod: [spec.containers: Required value]"}',
    );
  });

  it('drops lines above the verbosity as the text format does', () => {
    const { j, file } = journal({ format: 'json', verbosity: 0 });
    j.info({ file: 'kubelet.go', line: 2407 }, 'SyncLoop ADD', [], 2);
    j.info({ file: 'kubelet.go', line: 402 }, 'Adding static pod path', [['path', '/m']]);
    expect(entries(file).map((e) => JSON.parse(e.MESSAGE).msg)).toEqual(['Adding static pod path']);
  });
});

describe('journal identity and targets', () => {
  it("carries the hosting unit's fields: k3s's embedded kubelet under k3s-agent.service / k3s", () => {
    const identity = {
      unit: 'k3s-agent.service',
      identifier: 'k3s',
      comm: 'k3s-agent',
      exe: '/var/lib/rancher/k3s/data/current/bin/k3s',
    };
    const { j, file } = journal({ output: { kind: 'journal', identity } });
    j.logrus('info', 'Running kubelet --config-dir=/var/lib/rancher/k3s/agent/etc/kubelet.conf.d');
    j.info({ file: 'kubelet.go', line: 402 }, 'Adding static pod path', [['path', '/p']]);
    const [logrus, klog] = entries(file);
    expect(logrus).toMatchObject({
      _SYSTEMD_UNIT: 'k3s-agent.service',
      SYSLOG_IDENTIFIER: 'k3s',
      _COMM: 'k3s-agent',
      _SYSTEMD_CGROUP: '/system.slice/k3s-agent.service',
      PRIORITY: '6',
    });
    expect(logrus?.MESSAGE).toMatch(
      /^time="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)" level=info msg="Running kubelet --config-dir=\/var\/lib\/rancher\/k3s\/agent\/etc\/kubelet.conf.d"$/,
    );
    expect(klog?.MESSAGE).toMatch(
      /^I0210 15:25:20\.281\d{3} {4}4242 kubelet\.go:402\] "Adding static pod path" path="\/p"$/,
    );
  });

  it('writes plain klog lines to stderr, and no journal, for a parent that keeps them', () => {
    const out: string[] = [];
    const { j, file } = journal({ output: { kind: 'stderr' }, stderr: { write: (s) => out.push(s) } });
    j.info({ file: 'kubelet.go', line: 402 }, 'Adding static pod path', [['path', '/p']]);
    j.emit(['one', 'two']);
    expect(fs.existsSync(file)).toBe(false);
    expect(out.join('')).toMatch(
      /^I0210 15:25:20\.281000 {4}4242 kubelet\.go:402\] "Adding static pod path" path="\/p"\nI0210 15:25:20\.281001 {4}4242 kubelet\.go:1\] one\nI0210 15:25:20\.281002 {4}4242 kubelet\.go:1\] two\n$/,
    );
  });

  it('keeps the journal file mode across a vacuum', () => {
    const { j, file } = journal();
    j.emit(['a', 'b', 'c']);
    fs.chmodSync(file, 0o640);
    expect(j.vacuum(1)).toBe(2);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
  });
});
