/**
 * The break-glass bundle (docs/doctor.md "Bundle"): for each node asked, in `<node>/`, the
 * static pod manifests, the joined pod view with its findings, the doctor's report and findings,
 * the kubelet's journal window, `crictl inspect` of failing containers, certificate summaries
 * (never a key: only CERTIFICATE blocks ever leave the node), the kubelet's flags and config,
 * the runtime's configuration and `crictl info`; at the top a merged timeline of kubelet lines
 * and container exits across the nodes, and a README of what is in it and what could not be
 * read. Every text passes redactText before it is written; the archive is 0600.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ContractError } from '../../contract';
import type { BundleResult } from '../../contract/ops/doctor';
import type { CriContainerInspect } from '../../contract/domain/cri';
import { parseCrictlInspect } from '../../node/cri/crictl-inspect';
import { crictlInspectCommand } from '../../node/snapshot/container-commands';
import { readPodsSnapshot } from '../../inspect/read-pods-snapshot';
import { runDoctor } from '../../inspect/doctor/run-doctor';
import { redactText } from '../../inspect/doctor/redact';
import { exitEvents, kubeletEvents, mergeTimeline, type TimelineEvent } from '../../inspect/doctor/timeline';
import type { CoreContext } from '../core-context';
import { tarGz, type TarEntry } from './tar-gz';
import { formatReport } from './format-report';

/** Failing (exited non-zero) containers inspected per node, newest first. */
const MAX_INSPECTED = 20;

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80) || 'node';

export async function writeBundle(
  context: CoreContext,
  ids: string[],
  output?: string,
): Promise<BundleResult> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const mtime = Date.now() / 1000;
  const entries: TarEntry[] = [];
  const events: TimelineEvent[] = [];
  const nodes: BundleResult['nodes'] = [];
  let redactions = 0;
  const add = (name: string, content: string) => {
    const r = redactText(content);
    redactions += r.count;
    entries.push({ name: `kubelet-studio-bundle-${stamp}/${name}`, content: r.text, mtime });
  };
  const usedDirs = new Set<string>();
  for (const id of ids) {
    const summary = context.registry.get(id);
    let dir = safeName(summary.name);
    while (usedDirs.has(dir)) dir += '_';
    usedDirs.add(dir);
    const problems: string[] = [];
    const before = entries.length;
    try {
      const session = context.session(id);
      const discovery = await context.discovery(id);
      const { report, reading, paths } = await runDoctor(session, discovery);
      const node = report.nodeName || summary.name;
      for (const m of reading.manifests)
        add(`${dir}/manifests/${safeName(path.posix.basename(m.path))}`, m.content);
      add(`${dir}/doctor.json`, JSON.stringify(report, null, 2));
      add(`${dir}/findings.txt`, formatReport(report));
      add(
        `${dir}/certificates.json`,
        JSON.stringify({ files: report.certificates, ports: report.ports }, null, 2),
      );
      add(`${dir}/kubelet.log`, reading.journal.map((r) => r.raw).join('\n') + '\n');
      add(`${dir}/kubelet-flags.txt`, discovery.kubeletArgs.join('\n') + '\n');
      const config = reading.sections.get('kubeletconfig');
      if (paths.kubeletConfig && config?.code === 0)
        add(`${dir}/kubelet-config.yaml`, reading.kubelet.problems.join('\n') + configText(config.stdout));
      for (const f of reading.runtimeConfigFiles) add(`${dir}/runtime-config${f.path}`, f.content);
      const info = reading.sections.get('info');
      if (info?.code === 0) add(`${dir}/crictl-info.json`, info.stdout.toString('utf8'));
      try {
        const snapshot = await readPodsSnapshot(session, discovery, { api: { kind: 'node' } });
        add(
          `${dir}/pods.json`,
          JSON.stringify(
            {
              pods: snapshot.pods,
              findings: snapshot.findings,
              api: snapshot.api,
              runtime: snapshot.runtime,
            },
            null,
            2,
          ),
        );
      } catch (error) {
        problems.push(`the joined pod view could not be read: ${ContractError.from(error).message}`);
      }
      const failing = (reading.runtimeContainers ?? [])
        .filter((c) => c.state === 'exited')
        .slice(0, MAX_INSPECTED);
      const inspected: CriContainerInspect[] = [];
      for (const c of failing) {
        const out = await session.run(crictlInspectCommand('container', c.id));
        const raw = out.stdout.toString('utf8');
        if (out.code !== 0) {
          problems.push(
            `crictl inspect ${c.id.slice(0, 13)} failed: ${out.stderr.trim().split('\n').pop() ?? out.code}`,
          );
          continue;
        }
        const parsed = parseCrictlInspect(raw);
        const value = parsed.ok ? parsed.value[0] : undefined;
        if (value && value.exitCode === 0 && value.reason === 'Completed') continue;
        if (value) inspected.push(value);
        add(`${dir}/crictl-inspect/${c.name}-${c.id.slice(0, 13)}.json`, raw);
      }
      if (!reading.runtimeContainers)
        problems.push('crictl ps -a could not be read: no container was inspected');
      events.push(...kubeletEvents(node, reading.journalText), ...exitEvents(node, inspected));
      problems.push(...report.checks.filter((c) => !c.ran).map((c) => `${c.area} / ${c.name}: ${c.detail}`));
    } catch (error) {
      problems.push(`not read: ${ContractError.from(error).message}`);
    }
    add(
      `${dir}/problems.txt`,
      problems.length ? problems.join('\n') + '\n' : 'Everything listed in README.txt was read.\n',
    );
    nodes.push({ id, name: summary.name, files: entries.length - before, problems });
  }
  add('timeline.txt', mergeTimeline(events));
  add('README.txt', readme(nodes));
  const archive = tarGz(entries);
  const file = output
    ? path.resolve(output)
    : path.join(context.options.dataDir, 'bundles', `kubelet-studio-bundle-${stamp}.tar.gz`);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await fs.writeFile(file, archive, { mode: 0o600 });
  await fs.chmod(file, 0o600);
  return { path: file, bytes: archive.length, nodes, redactions };
}

function configText(stdout: Buffer): string {
  const line = stdout.toString('latin1').split('\n')[0] ?? '';
  return Buffer.from(line.split(' ')[1] ?? '', 'base64').toString('utf8');
}

function readme(nodes: BundleResult['nodes']): string {
  return [
    'Kubelet Studio break-glass bundle.',
    '',
    'Per node: manifests/, pods.json (the joined manifest / crictl / kubectl view and its findings),',
    'doctor.json and findings.txt (certificates, cgroup driver, etcd, conditions, images),',
    'certificates.json (public certificate facts only; no key ever leaves a node), kubelet.log',
    '(the kubelet journal window), kubelet-flags.txt, kubelet-config.yaml, runtime-config/,',
    'crictl-info.json, crictl-inspect/ (failing containers), problems.txt (what could not be read).',
    "timeline.txt merges kubelet lines and container exits of all nodes by time (each node's clock).",
    'Secrets (tokens, private keys, passwords, bearer values) are replaced by <redacted>.',
    '',
    ...nodes.map(
      (n) =>
        `${n.name}: ${n.files} files${n.problems.length ? `, ${n.problems.length} problems (see problems.txt)` : ''}`,
    ),
    '',
  ].join('\n');
}
