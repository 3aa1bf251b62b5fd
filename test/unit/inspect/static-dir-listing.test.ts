import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBatchOutput } from '../../../src-main/node/batch/batch-script';
import {
  MANIFEST_READ_LIMIT,
  podsSnapshotCommand,
} from '../../../src-main/node/snapshot/pods-snapshot-command';
import { parseStaticDirListing } from '../../../src-main/node/snapshot/static-dir-listing';
import { readTarFiles } from '../../../src-main/node/snapshot/tar-entries';

// The static pod directory read by the snapshot's real shell body on this machine: the one-pass
// listing (GNU find + tar, issue 6 point 6) and the per-file fallback (busybox nodes) must give
// the same entries, as the kubelet sees them (docs/kubelet.md §1.2, §1.3).
let tmp: string;
let dir: string;
let fakeBin: string;

const pod = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: kube-system, labels: {app: ${name}}}\nspec: {containers: [{name: c, image: busybox}]}\n`;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-listing-'));
  dir = path.join(tmp, 'manifests');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'etcd.yaml'), pod('etcd'));
  fs.writeFileSync(path.join(dir, 'with space\nand newline.yaml'), pod('odd'));
  fs.writeFileSync(path.join(dir, '.hidden.yaml'), pod('hidden'));
  fs.writeFileSync(path.join(dir, `${'l'.repeat(120)}.yaml`), pod('long'));
  fs.writeFileSync(path.join(dir, 'empty.yaml'), '');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'kind: ConfigMap\n');
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.symlinkSync(path.join(dir, 'etcd.yaml'), path.join(dir, 'linked.yaml'));
  fs.symlinkSync(path.join(tmp, 'nowhere'), path.join(dir, 'dangling.yaml'));
  fakeBin = path.join(tmp, 'bin');
  fs.mkdirSync(fakeBin);
  // A tar that is not GNU tar, as on busybox nodes: the fallback listing must run.
  fs.writeFileSync(path.join(fakeBin, 'tar'), '#!/bin/sh\necho "tar (busybox) 1.36"\n', { mode: 0o755 });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function listing(staticPath: string, env: NodeJS.ProcessEnv = process.env) {
  const [file, ...args] = podsSnapshotCommand(null, 'node1', staticPath, 'skip').argv as [
    string,
    ...string[],
  ];
  const stdout = execFileSync(file, args, { env, maxBuffer: 64 * 1024 * 1024 });
  const section = parseBatchOutput(stdout).get('manifests');
  if (!section) throw new Error('no manifests section');
  return section;
}

const fallbackEnv = () => ({ ...process.env, PATH: `${fakeBin}:${process.env.PATH ?? '/usr/bin:/bin'}` });

describe('the static pod directory listing', () => {
  it('reads every entry in one pass, as the kubelet would', () => {
    const section = listing(dir);
    expect(section.code).toBe(0);
    expect(section.stdout.subarray(0, 4).toString()).toBe('T D\n');
    const entries = parseStaticDirListing(section.stdout, dir, 'Node1');
    expect(entries.map((e) => [e.name, e.kind, e.ignoredByKubelet])).toEqual([
      ['.hidden.yaml', 'file', true],
      ['dangling.yaml', 'other', false],
      ['empty.yaml', 'file', false],
      ['etcd.yaml', 'file', false],
      ['linked.yaml', 'file', false],
      [`${'l'.repeat(120)}.yaml`, 'file', false],
      ['notes.txt', 'file', false],
      ['sub', 'directory', false],
      ['with space\nand newline.yaml', 'file', false],
    ]);
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(byName.get('etcd.yaml')).toMatchObject({
      podName: 'etcd',
      namespace: 'kube-system',
      staticPodName: 'etcd-node1',
      labels: { app: 'etcd' },
      size: pod('etcd').length,
      problem: null,
    });
    expect(byName.get('linked.yaml')?.sha256).toBe(byName.get('etcd.yaml')?.sha256);
    expect(byName.get(`${'l'.repeat(120)}.yaml`)?.podName).toBe('long');
    expect(byName.get('with space\nand newline.yaml')?.path).toBe(
      path.join(dir, 'with space\nand newline.yaml'),
    );
    expect(byName.get('empty.yaml')?.problem).toMatch(/empty/);
    expect(byName.get('notes.txt')?.problem).toMatch(/kind "ConfigMap"/);
  });

  it('the per-file fallback (no GNU tar) gives the same entries', () => {
    const fast = parseStaticDirListing(listing(dir).stdout, dir, 'node1');
    const section = listing(dir, fallbackEnv());
    expect(section.stdout.subarray(0, 2).toString()).not.toBe('T ');
    expect(parseStaticDirListing(section.stdout, dir, 'node1')).toEqual(fast);
  });

  it('a static pod path naming one file, through a symlinked directory', () => {
    const linkDir = path.join(tmp, 'link-to-manifests');
    fs.symlinkSync(dir, linkDir);
    const file = path.join(linkDir, 'etcd.yaml');
    const section = listing(file);
    expect(section.stdout.subarray(0, 4).toString()).toBe('T S\n');
    expect(parseStaticDirListing(section.stdout, file, 'node1')).toEqual([
      expect.objectContaining({ name: 'etcd.yaml', path: file, podName: 'etcd' }),
    ]);
    expect(parseStaticDirListing(listing(linkDir).stdout, linkDir, 'node1')).toHaveLength(9);
  });

  it('a missing path exits 3 in both formats', () => {
    expect(listing(path.join(tmp, 'absent')).code).toBe(3);
    expect(listing(path.join(tmp, 'absent'), fallbackEnv()).code).toBe(3);
  });

  it('a file over the read limit is listed with its size and why it was not read', () => {
    const big = path.join(tmp, 'big');
    fs.mkdirSync(big);
    fs.writeFileSync(path.join(big, 'huge.yaml'), Buffer.alloc(MANIFEST_READ_LIMIT + 1, 0x61));
    fs.writeFileSync(path.join(big, 'edge.yaml'), Buffer.alloc(MANIFEST_READ_LIMIT, 0x61));
    const entries = parseStaticDirListing(listing(big).stdout, big, 'node1');
    expect(entries.map((e) => [e.name, e.size, e.sha256 === null])).toEqual([
      ['edge.yaml', MANIFEST_READ_LIMIT, false],
      ['huge.yaml', MANIFEST_READ_LIMIT + 1, true],
    ]);
    expect(entries[1]?.problem).toMatch(/more than the 1048576 Kubelet Studio reads/);
  });
});

describe('readTarFiles', () => {
  it('stops at a truncated stream with the files read so far', () => {
    const cwd = fs.mkdtempSync(path.join(tmp, 'tar-'));
    fs.writeFileSync(path.join(cwd, 'a'), 'first');
    fs.writeFileSync(path.join(cwd, 'b'), 'x'.repeat(2000));
    const stream = execFileSync('tar', ['-cf', '-', '-b1', '--format=gnu', '-C', cwd, 'a', 'b']);
    expect([...readTarFiles(stream).entries()].map(([n, c]) => [n, c.length])).toEqual([
      ['a', 5],
      ['b', 2000],
    ]);
    expect([...readTarFiles(stream.subarray(0, 1536)).keys()]).toEqual(['a']);
    expect(readTarFiles(Buffer.alloc(100)).size).toBe(0);
  });

  it('reads pax path records', () => {
    const cwd = fs.mkdtempSync(path.join(tmp, 'pax-'));
    const name = `${'p'.repeat(150)}.yaml`;
    fs.writeFileSync(path.join(cwd, name), 'kind: Pod\n');
    const stream = execFileSync('tar', ['-cf', '-', '--format=posix', '-C', cwd, name]);
    expect(readTarFiles(stream).get(name)?.toString()).toBe('kind: Pod\n');
  });
});

describe('the static pod directory read without root', () => {
  it.each([
    { label: 'GNU find and tar', busybox: false },
    { label: 'busybox (per-file listing)', busybox: true },
  ])(
    'with $label: 0600 manifests are unreadable, not empty or "changed while read"; a 0700 directory is refused',
    async ({ busybox }) => {
      const { localSession, tempTree } = await import('../node/discovery/local-shell');
      const root = tempTree({
        'manifests/etcd.yaml': { text: pod('etcd'), mode: 0o600 },
        'manifests/web.yaml': { text: pod('web'), mode: 0o644 },
        'locked/kube-apiserver.yaml': { text: pod('kube-apiserver'), mode: 0o600 },
      });
      fs.chmodSync(path.join(root, 'locked'), 0o700);
      const read = async (staticPath: string) =>
        parseBatchOutput(
          (
            await localSession({ busybox, user: 'nobody' }).run(
              podsSnapshotCommand(null, 'node1', staticPath, 'skip'),
            )
          ).stdout,
        ).get('manifests');
      const open = await read(path.join(root, 'manifests'));
      expect(open?.code).toBe(0);
      const entries = parseStaticDirListing(
        open?.stdout ?? Buffer.alloc(0),
        path.join(root, 'manifests'),
        'node1',
        { user: 'nobody' },
      );
      expect(entries.map((e) => [e.name, e.unreadable ?? null, e.podName, e.problem])).toEqual([
        ['etcd.yaml', `no permission as nobody to read ${root}/manifests/etcd.yaml`, null, null],
        ['web.yaml', null, 'web', null],
      ]);
      const locked = await read(path.join(root, 'locked'));
      expect(locked?.code).toBe(4);
      expect(locked?.stderr).toMatch(/Permission denied/);
    },
  );
});
