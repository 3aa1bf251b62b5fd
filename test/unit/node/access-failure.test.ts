/**
 * Refusals told apart from absence (docs/architecture.md "Say what could not be read"): the
 * tools' own messages, verbatim from their sources, and the real ones GNU and busybox tools
 * print when run here as a user without root.
 */
import { describe, expect, it } from 'vitest';
import { accessFailure } from '../../../src-main/node/session/access-failure';
import { runBatch, tempTree } from './discovery/local-shell';

describe('accessFailure, on the messages the tools print', () => {
  it('journalctl without the systemd-journal group (systemd journalctl.c access_check)', () => {
    expect(
      accessFailure('No journal files were opened due to insufficient permissions.\n', 'ks-user'),
    ).toMatchObject({
      kind: 'journal-permission',
    });
    const hint =
      "Hint: You are currently not seeing messages from other users and the system.\n      Users in groups 'adm', 'systemd-journal' can see all messages.\n      Pass -q to turn off this notice.\n";
    expect(accessFailure(hint, 'ks-user')).toMatchObject({ kind: 'journal-partial' });
    const oldHint =
      "Hint: You are currently not seeing messages from the system.\n      Users in the 'systemd-journal' group can see all messages. Pass -q to\n      turn off this notice.\n";
    expect(accessFailure(oldHint, 'ks-user')?.reason).toMatch(/only its own messages/);
  });

  it("crictl on a root-only socket (gRPC's dial error)", () => {
    const stderr =
      'time="2024-05-02T10:11:12Z" level=fatal msg="validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///run/containerd/containerd.sock\\": rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: permission denied\\""\n';
    expect(accessFailure(stderr, 'ks-user')).toEqual({
      kind: 'socket-permission',
      target: '/run/containerd/containerd.sock',
      reason:
        "no permission as ks-user to connect to the runtime socket /run/containerd/containerd.sock (it is root's)",
    });
  });

  it('kubectl with an unreadable kubeconfig (client-go clientcmd)', () => {
    const stderr =
      'error: error loading config file "/etc/kubernetes/admin.conf": open /etc/kubernetes/admin.conf: permission denied\n';
    expect(accessFailure(stderr, 'ks-user')).toMatchObject({
      kind: 'permission',
      target: '/etc/kubernetes/admin.conf',
    });
  });

  it('not a refusal: a missing file, a refused connection', () => {
    expect(accessFailure('cat: /x: No such file or directory\n', 'u')).toBeNull();
    expect(
      accessFailure(
        'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
        'u',
      ),
    ).toBeNull();
  });

  it.each([
    { label: 'GNU', busybox: false },
    { label: 'busybox', busybox: true },
  ])('the real messages of $label cat, find and tar run without root', async ({ busybox }) => {
    const root = tempTree({
      'manifests/etcd.yaml': { text: 'apiVersion: v1\n', mode: 0o600 },
      'locked/inner.yaml': { text: 'x' },
    });
    const { chmodSync } = await import('node:fs');
    chmodSync(`${root}/locked`, 0o700);
    // GNU tar skips reading files when the archive is /dev/null: write a real one.
    const body =
      'tr1() { _o=$(mktemp); tar -cf "$_o" -C "$1/manifests" etcd.yaml; _c=$?; rm -f "$_o"; return $_c; }; ' +
      'sec cat cat "$1/manifests/etcd.yaml"; sec find find "$1/locked" -type f; sec tar tr1 "$1"';
    const sections = await runBatch(body, [root], { busybox, user: 'nobody' });
    for (const name of ['cat', 'find', 'tar']) {
      const section = sections.get(name);
      expect(section?.code, name).not.toBe(0);
      const failure = accessFailure(section?.stderr ?? '', 'nobody');
      expect(failure?.kind, `${name}: ${section?.stderr}`).toBe('permission');
      expect(failure?.reason).toMatch(/^no permission as nobody/);
    }
    expect(accessFailure(sections.get('cat')?.stderr ?? '', 'nobody')?.target).toBe(
      `${root}/manifests/etcd.yaml`,
    );
    expect(accessFailure(sections.get('find')?.stderr ?? '', 'nobody')?.target).toBe(`${root}/locked`);
  });
});
