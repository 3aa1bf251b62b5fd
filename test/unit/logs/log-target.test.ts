import { describe, expect, it } from 'vitest';
import type { NodeDiscovery } from '../../../src-main/contract/domain/discovery';
import type { KubeletLogLocation } from '../../../src-main/contract/domain/node-setup';
import { kubeletLogLocation } from '../../../src-main/node/discovery/kubelet-log-location';
import { journalRefusal } from '../../../src-main/node/journal/kubelet-log-follower';
import { kubeletJournalCommand } from '../../../src-main/node/journal/journal-commands';
import { DEFAULT_LOG_TARGET, logTargetOf } from '../../../src-main/logs/log-target';

/** The parts of discovery the Logs pane's target depends on; the rest does not matter here. */
function discovered(
  kubeletLog: KubeletLogLocation,
  journalctl: string | null,
  readAs = { user: 'ks-admin', root: true },
): NodeDiscovery {
  return {
    nodeName: 'n1',
    kubeletLog,
    readAs,
    tools: {
      journalctl: {
        name: 'journalctl',
        argv: journalctl ? [journalctl] : [],
        path: journalctl,
        foundVia: null,
        version: null,
        searched: ['/usr/bin'],
        missing: journalctl ? null : 'journalctl not found in PATH (/usr/bin:/bin)',
      },
    },
  } as unknown as NodeDiscovery;
}

const base = {
  role: null,
  unit: null,
  systemd: true,
  kubeletFlags: null,
  loggingFormat: null,
  stderrTarget: null,
  dataDir: null,
};

describe('logTargetOf: what the Logs pane follows', () => {
  it('RKE2: the kubelet.log file RKE2 writes (rancher/rke2 pkg/logging), read as the login user', () => {
    const location = kubeletLogLocation({ ...base, kind: 'rke2', role: 'server' });
    const target = logTargetOf(discovered(location, '/usr/bin/journalctl', { user: 'ks-user', root: false }));
    expect(target).toMatchObject({
      kind: 'file',
      path: '/var/lib/rancher/rke2/agent/logs/kubelet.log',
      user: 'ks-user',
    });
  });

  it("k3s agent: the k3s-agent unit's journal, identifier k3s, by journalctl's absolute path", () => {
    const location = kubeletLogLocation({ ...base, kind: 'k3s', role: 'agent', unit: 'k3s-agent.service' });
    const target = logTargetOf(discovered(location, '/usr/bin/journalctl'));
    expect(target).toMatchObject({
      kind: 'journal',
      names: { units: ['k3s-agent'], identifiers: ['k3s'], journalctl: '/usr/bin/journalctl' },
      k0sWrapped: false,
    });
    if (target.kind !== 'journal') throw new Error('not a journal target');
    expect(target.why).toMatch(/k3s-agent\.service/);
    const command = kubeletJournalCommand({ match: 'unit', follow: true, lines: 10, names: target.names });
    expect(command.argv.slice(0, 3)).toEqual(['/usr/bin/journalctl', '-u', 'k3s-agent']);
  });

  it("k0s: the k0s unit's journal, its wrapped kubelet lines unwrapped", () => {
    const location = kubeletLogLocation({ ...base, kind: 'k0s', role: 'worker' });
    expect(logTargetOf(discovered(location, '/usr/bin/journalctl'))).toMatchObject({
      kind: 'journal',
      names: { units: ['k0sworker'] },
      k0sWrapped: true,
    });
  });

  it('a journal set-up without journalctl: nothing to follow, and why', () => {
    const location = kubeletLogLocation({ ...base, kind: 'kubeadm' });
    expect(logTargetOf(discovered(location, null))).toEqual({
      kind: 'none',
      why: 'journalctl not found in PATH (/usr/bin:/bin)',
    });
  });

  it('no kubelet found: nothing to follow, with discovery’s reason', () => {
    const location = kubeletLogLocation({ ...base, kind: 'unknown' });
    expect(logTargetOf(discovered(location, '/usr/bin/journalctl'))).toMatchObject({ kind: 'none' });
  });

  it('a discovery without the set-up account: the kubelet unit, as before', () => {
    expect(logTargetOf({ nodeName: 'n1' } as unknown as NodeDiscovery)).toBe(DEFAULT_LOG_TARGET);
  });
});

describe('journalRefusal', () => {
  it("journalctl's refusal for a user outside the journal's groups names the user", () => {
    // systemd src/journal/journalctl.c, as printed for a user outside adm/systemd-journal.
    const stderr =
      "Hint: You are currently not seeing messages from other users and the system.\n      Users in groups 'adm', 'systemd-journal' can see all messages.\n";
    expect(journalRefusal(stderr, 'ks-user')).toMatch(/^No permission to read the system journal as ks-user/);
    expect(
      journalRefusal('No journal files were opened due to insufficient permissions.\n', 'ks-user'),
    ).toMatch(/ks-user/);
  });

  it('other stderr is not a refusal', () => {
    expect(journalRefusal('-- No entries --\n', 'ks-user')).toBeNull();
  });
});
