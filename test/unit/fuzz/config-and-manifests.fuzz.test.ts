import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, it, vi } from 'vitest';
import { checkManifest } from '../../../src-main/inspect/manifest-rules';
import { readConfigFields } from '../../../src-main/node/discovery/discover';
import { parseGoDurationSeconds, parseKubeletFlags } from '../../../src-main/node/discovery/kubelet-flags';
import { parseManifestListing } from '../../../src-main/node/manifests/manifest-listing';
import { readManifestIdentity } from '../../../src-main/node/snapshot/static-dir-listing';
import { parseKnownHosts } from '../../../src-main/ssh/known-hosts/parse';
import { resolveSshTarget } from '../../../src-main/ssh/ssh-config';
import { anyText, expectClean, fuzz, FUZZ_TEST_TIMEOUT } from './fuzz-harness';
import { readReal } from '../parsers/fixtures';

vi.setConfig({ testTimeout: FUZZ_TEST_TIMEOUT });

// Parsers of the kubelet's flags and config, of the user's ssh_config and known_hosts, and of
// manifests (a node's files and the user's own): nothing may throw out of them or keep them busy.

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-fuzz-home-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

const manifests = [
  readReal('kubeadm-v1.32.2-etcd.yaml'),
  readReal('kubeadm-v1.32.2-kube-apiserver.yaml'),
  readReal('kubeadm-v1.32.2-kube-scheduler.yaml'),
];

/** YAML is parsed up to 256 KiB (yaml-bounds.ts): the `yaml` package takes about a quarter of a second for that. */
const YAML_BOUND_MS = 1_000;

/** YAML alias bombs ("billion laughs"): each level refers to the previous one `fan` times. */
const aliasBomb = fc
  .tuple(fc.integer({ min: 4, max: 12 }), fc.integer({ min: 2, max: 10 }))
  .map(([levels, fan]) => {
    const out = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: bomb', 'l0: &l0 ["lol"]'];
    for (let i = 1; i <= levels; i++)
      out.push(
        `l${i}: &l${i} [${Array(fan)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    return `${out.join('\n')}\n`;
  });
/** Deeply nested YAML flow collections. */
const deepYaml = fc.integer({ min: 1_000, max: 50_000 }).map((n) => `a: ${'['.repeat(n)}x${']'.repeat(n)}\n`);
const yamlInputs = fc.oneof(
  { weight: 5, arbitrary: anyText(manifests) },
  { weight: 1, arbitrary: aliasBomb },
  { weight: 1, arbitrary: deepYaml },
);

const flagWords = [
  '--config=/var/lib/kubelet/config.yaml',
  '--pod-manifest-path',
  '/etc/kubernetes/manifests',
  '-v=2',
  '--',
  '--kubeconfig',
];
const sshConfigs = [
  'Host bastion\n  HostName 10.0.0.1\n  User ks\n  Port 2222\nHost node-*\n  ProxyJump bastion\n',
  'Include ~/.ssh/config.d/*\nHost *\n  ForwardAgent no\nMatch host x exec "true"\n',
  'Host a\n  ProxyJump a\n',
];
const knownHosts = [
  '|1|F1E1KeoE/eEWhi10WpGv4OdiO6Y=|3988QV0VE8wmZL7suNrYQLITLCg= ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n',
  '@revoked [127.0.0.1]:2201,!10.* ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY=\r\n',
  '*.example,?x ssh-rsa AAAAB3NzaC1yc2E= comment\n',
];

describe('fuzzing the kubelet flags and config', () => {
  it('flags, durations and config.yaml', () => {
    expectClean(
      fuzz('kubelet flags', fc.array(anyText(flagWords), { maxLength: 40 }), parseKubeletFlags),
      fuzz('Go duration', anyText(['1m30s', '20s', '1h2m3.5s', '-5ms', '0']), parseGoDurationSeconds),
      fuzz(
        'kubelet config.yaml',
        yamlInputs,
        (text) => readConfigFields(text, [], 'config.yaml'),
        YAML_BOUND_MS,
      ),
    );
  });
});

describe("fuzzing the user's ssh_config and known_hosts", () => {
  it('ssh_config and targets', () => {
    expectClean(
      fuzz('ssh_config', anyText(sshConfigs), (text) =>
        resolveSshTarget('node-1', { text, home, localUser: 'me' }),
      ),
      fuzz('ssh target spec', anyText(['ks@127.0.0.1:2201', 'bastion', '[::1]:22', 'a@b@c']), (spec) =>
        resolveSshTarget(spec, { text: sshConfigs[0], home, localUser: 'me' }),
      ),
    );
  });
  it('known_hosts', () => {
    expectClean(fuzz('known_hosts', anyText(knownHosts), (text) => parseKnownHosts(text, 'known_hosts')));
  });
});

describe('fuzzing manifests and the directory listing', () => {
  it('the rule check, the identity read and the listing', () => {
    expectClean(
      fuzz('manifest rules', yamlInputs, (text) => checkManifest(text), YAML_BOUND_MS),
      fuzz('manifest identity', yamlInputs, readManifestIdentity, YAML_BOUND_MS),
      fuzz(
        'manifest listing',
        fc.uint8Array({ maxLength: 4000 }).map((b) => Buffer.from(b)),
        parseManifestListing,
      ),
    );
  });
});
