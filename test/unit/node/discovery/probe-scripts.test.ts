/**
 * Discovery's shell scripts run for real: with GNU tools and with busybox's applets alone on
 * PATH (docs/distributions.md: no GNU-only tool may be required), as root and as a user
 * without root. Their parsers read what the scripts actually print.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chooseCredentials,
  KUBECONFIG_CHECK_BODY,
  kubeconfigCandidates,
  parseKubeconfigCheck,
} from '../../../../src-main/node/discovery/api-credentials';
import {
  DROP_IN_LIST_SCRIPT,
  dropInOrder,
  parseDropInListing,
} from '../../../../src-main/node/discovery/drop-in-order';
import { NODE_FACTS_BODY, parseNodeFacts } from '../../../../src-main/node/discovery/node-facts';
import {
  resolveTools,
  TOOL_PROBE_BODY,
  toolCandidates,
  toolProbeParams,
} from '../../../../src-main/node/discovery/tool-paths';
import { facts } from './node-samples';
import { runBatch, tempTree } from './local-shell';

const variants = [
  { label: 'GNU tools', busybox: false },
  { label: 'busybox only', busybox: true },
];

describe.each(variants)('discovery scripts with $label', ({ busybox }) => {
  it('node facts: user, PATHs, processes (this test process among them), paths, os-release', async () => {
    const sections = await runBatch(NODE_FACTS_BODY, [], { busybox });
    const found = parseNodeFacts(sections);
    expect(found.user).toBe('root');
    expect(found.uid).toBe(0);
    expect(found.hostname.length).toBeGreaterThan(0);
    expect(found.path.length).toBeGreaterThan(0);
    expect(found.osRelease.get('ID')).toBe('debian');
    expect(found.paths.get('/etc/kubernetes/manifests')).toMatch(/absent|exists/);
    expect(found.hostIps).toContain('127.0.0.1');
    // Every process listed has a decoded command line.
    for (const p of found.processes) expect(p.args.length).toBeGreaterThan(0);
  });

  it('the drop-in listing gives every entry, subdirectories included, and WalkDir order follows', async () => {
    const root = tempTree({
      'conf.d/00-defaults.conf': { text: 'a' },
      'conf.d/20-dir/50-x.conf': { text: 'b' },
      'conf.d/20-dir.conf': { text: 'c' },
      'conf.d/README.md': { text: 'd' },
      'conf.d/with\nnewline.conf': { text: 'e' },
    });
    const dir = path.join(root, 'conf.d');
    const sections = await runBatch(`ls1() { ${DROP_IN_LIST_SCRIPT}; }; sec list ls1 "$1"`, [dir], {
      busybox,
    });
    const list = sections.get('list');
    expect(list?.code).toBe(0);
    const { entries } = parseDropInListing(list?.stdout ?? '');
    expect(dropInOrder(entries)).toEqual([
      `${dir}/00-defaults.conf`,
      `${dir}/20-dir/50-x.conf`,
      `${dir}/20-dir.conf`,
      `${dir}/with\nnewline.conf`,
    ]);
    const missing = await runBatch(`ls1() { ${DROP_IN_LIST_SCRIPT}; }; sec list ls1 "$1"`, [`${root}/nope`], {
      busybox,
    });
    expect(missing.get('list')?.code).toBe(3);
  });

  it('tools: the first executable candidate wins, with its version; a miss says where it looked', async () => {
    const root = tempTree({
      'rke2/bin/crictl': { text: '#!/bin/sh\necho "crictl version v1.30.4-k3s1"\n', mode: 0o755 },
      'rke2/bin/kubectl': {
        text: '#!/bin/sh\n[ "$1 $2" = "version --client" ] && printf "Client Version: v1.30.4+rke2r1\\nKustomize Version: v5.0.4\\n"\n',
        mode: 0o755,
      },
      'empty/crictl': { text: 'not executable', mode: 0o644 },
    });
    // RKE2's tools directory moved under this test's tree; the PATH holds a non-executable crictl.
    const node = facts({ path: [`${root}/empty`] });
    const candidates = toolCandidates('rke2', node).map((c) => ({
      ...c,
      argv: c.argv.map((a) => a.replace('/var/lib/rancher/rke2/bin', `${root}/rke2/bin`)),
    }));
    const sections = await runBatch(
      `tp() { ${TOOL_PROBE_BODY}; }; sec tools tp "$@"`,
      toolProbeParams(candidates),
      {
        busybox,
      },
    );
    const tools = resolveTools(candidates, sections.get('tools')?.stdout.toString('utf8') ?? '', node);
    expect(tools.crictl).toMatchObject({
      argv: [`${root}/rke2/bin/crictl`],
      version: 'crictl version v1.30.4-k3s1',
      foundVia: "RKE2's tools directory",
      missing: null,
    });
    expect(tools.kubectl.version).toBe('kubectl v1.30.4+rke2r1');
    // journalctl exists on this machine in /usr/bin or /bin.
    expect(tools.journalctl.path).toMatch(/^\/(usr\/)?bin\/journalctl$/);
  });

  it('tools: a multi-call binary (k3s crictl) is called with its subcommand', async () => {
    const root = tempTree({
      'bin/k3s': {
        text: '#!/bin/sh\n[ "$1" = crictl ] && [ "$2" = --version ] && echo "crictl version v1.29.0-k3s1"\n',
        mode: 0o755,
      },
    });
    const node = facts({ path: ['/nonexistent'], onPath: new Map([['k3s', `${root}/bin/k3s`]]) });
    const candidates = toolCandidates('k3s', node).filter(
      (c) => c.tool !== 'crictl' || c.argv.length === 2 || c.argv[0]?.startsWith('/nonexistent'),
    );
    const sections = await runBatch(
      `tp() { ${TOOL_PROBE_BODY}; }; sec tools tp "$@"`,
      toolProbeParams(candidates),
      {
        busybox,
      },
    );
    const tools = resolveTools(candidates, sections.get('tools')?.stdout.toString('utf8') ?? '', node);
    expect(tools.crictl).toMatchObject({
      argv: [`${root}/bin/k3s`, 'crictl'],
      foundVia: 'k3s crictl',
      version: 'crictl version v1.29.0-k3s1',
    });
  });
});

describe('without root', () => {
  it('a 0600 kubeconfig is reported unreadable as that user, not absent', async () => {
    const root = tempTree({
      'etc/kubernetes/admin.conf': { text: 'apiVersion: v1\n', mode: 0o600 },
      'etc/kubernetes/kubelet.conf': { text: 'apiVersion: v1\n', mode: 0o600 },
    });
    const candidates = kubeconfigCandidates(
      'kubeadm',
      `${root}/etc/kubernetes/kubelet.conf`,
      null,
      '/nonexistent',
    );
    const run = (user?: string) =>
      runBatch(
        `kk() { ${KUBECONFIG_CHECK_BODY}; }; sec k kk "$@"`,
        candidates.map((c) => c.path),
        user ? { user } : {},
      );
    const asNobody = parseKubeconfigCheck((await run('nobody')).get('k')?.stdout.toString() ?? '');
    const none = chooseCredentials(candidates, asNobody, 'nobody');
    expect(none.kubeconfig).toBeNull();
    expect(none.explanation).toMatch(/^No credentials for the API server on this node/);
    expect(none.explanation).toContain('nobody may not read them');
    expect(none.unreadable).toEqual([
      `${root}/etc/kubernetes/admin.conf`,
      `${root}/etc/kubernetes/kubelet.conf`,
    ]);
    const asRoot = parseKubeconfigCheck((await run()).get('k')?.stdout.toString() ?? '');
    expect(chooseCredentials(candidates, asRoot, 'root')).toMatchObject({
      kubeconfig: `${root}/etc/kubernetes/admin.conf`,
      kind: 'admin',
    });
  });

  it('node facts run as an ordinary user still list the processes (/proc is world-readable)', async () => {
    const found = parseNodeFacts(await runBatch(NODE_FACTS_BODY, [], { user: 'nobody' }));
    expect(found.user).toBe('nobody');
    expect(found.uid).not.toBe(0);
    expect(fs.existsSync('/proc/1/cmdline')).toBe(true);
  });
});
