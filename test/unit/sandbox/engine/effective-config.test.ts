/**
 * The simulated kubelet computes its configuration as the kubelet does (docs/kubelet.md §6;
 * kubernetes cmd/kubelet/app/server.go): `--config`, then `--config-dir` drop-ins — only `.conf`
 * files (filepath.Ext), the tree walked with subdirectories in lexical order, each a JSON merge
 * patch — then flags over both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  dropInFiles,
  effectiveKubeletConfig,
  mergePatch,
} from '../../../../src-main/sandbox/engine/node/effective-config';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubelet-config-'));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('drop-ins', () => {
  it('counts only .conf files, walks subdirectories, in lexical order of the path', () => {
    const root = tree({
      'd/30-b.conf': '',
      'd/10-a.conf': '',
      'd/20-dir/x.conf': '',
      'd/20-dir/y.conf.bak': '',
      'd/.hidden.conf': '',
      'd/40-c.yaml': '',
    });
    expect(dropInFiles(path.join(root, 'd')).map((f) => path.relative(path.join(root, 'd'), f))).toEqual([
      '.hidden.conf',
      '10-a.conf',
      '20-dir/x.conf',
      '30-b.conf',
    ]);
  });

  it('merges like RFC 7386: maps key by key, lists and scalars replaced, null deletes', () => {
    expect(mergePatch({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, d: null, e: 'x' })).toEqual({
      a: { b: 1, c: [3] },
      e: 'x',
    });
  });

  it('flags beat drop-ins, which beat the file; later drop-ins beat earlier ones', () => {
    const root = tree({
      'config.yaml':
        'staticPodPath: /etc/kubernetes/manifests\nfileCheckFrequency: 20s\nlogging:\n  format: text\n',
      'd/00-defaults.conf':
        'staticPodPath: /var/lib/rancher/rke2/agent/pod-manifests\nfileCheckFrequency: 20s\n',
      'd/20-cli-config-dir/50.conf': 'fileCheckFrequency: 10s\nlogging:\n  verbosity: 3\n',
    });
    const at = (p: string) => path.join(root, p);
    const config = effectiveKubeletConfig({
      configFile: at('config.yaml'),
      configDir: at('d'),
      flags: new Map([['file-check-frequency', '5s']]),
    });
    expect(config).toEqual({
      staticPodPath: '/var/lib/rancher/rke2/agent/pod-manifests',
      fileCheckFrequencyMs: 5000,
      containerRuntimeEndpoint: undefined,
      loggingFormat: 'text',
      verbosity: 3,
    });
    const noFlag = effectiveKubeletConfig({
      configDir: at('d'),
      flags: new Map([['pod-manifest-path', '/x/']]),
    });
    expect(noFlag).toMatchObject({ staticPodPath: '/x', fileCheckFrequencyMs: 10_000 });
  });

  it('an invalid drop-in stops the kubelet', () => {
    const root = tree({ 'd/10.conf': 'a: [' });
    expect(() => effectiveKubeletConfig({ configDir: path.join(root, 'd'), flags: new Map() })).toThrow(
      /^failed to merge kubelet configs: /,
    );
  });
});
