/**
 * `journalctl -o json` lines: the three real (pager-truncated) systemd-254 lines, and a
 * kubelet line built from docs/kubelet.md §5.1/§5.2 (no complete real one exists).
 */
import { describe, expect, it } from 'vitest';
import { parseJournalJsonLine } from '../../../src-main/node/journal/journal-json';
import { parseKlogLine } from '../../../src-main/node/journal/klog-line';
import { dataLines } from './fixtures';

describe('real journalctl -o json lines (systemd 254, cut by a pager with `>`)', () => {
  const lines = dataLines('journalctl-o-json-lines-2023.txt').filter((l) => l !== '');
  const records = lines.map(parseJournalJsonLine);

  it('keeps the complete fields of each line, whatever the key order', () => {
    expect(records.map((r) => r?.truncated)).toEqual([true, true, true]);
    expect(records[0]!.fields).toEqual({
      _RUNTIME_SCOPE: 'system',
      SYSLOG_FACILITY: '0',
      _HOSTNAME: 'DESKTOP-GICJU6Q',
      __MONOTONIC_TIMESTAMP: '3305808',
      _TRANSPORT: 'kernel',
      __REALTIME_TIMESTAMP: '1687539615911669',
    });
    expect(records[0]).toMatchObject({
      realtimeUs: 1687539615911669,
      monotonicUs: 3305808,
      hostname: 'DESKTOP-GICJU6Q',
      cursor: null,
      message: null,
      messageElided: false,
    });
    expect(records[1]).toMatchObject({
      priority: 6,
      monotonicUs: 3305822,
      fields: {
        __SEQNUM: '163463',
        __SEQNUM_ID: 'e41457c2a3864c389cb340178b20513b',
        _MACHINE_ID: '637a687e69f04cd0bb298de2c737fc13',
        _TRANSPORT: 'kernel',
      },
    });
  });

  it('finds __CURSOR in the middle of the line', () => {
    expect(records[2]).toMatchObject({
      message: 'KERNEL supported cpus:',
      cursor:
        's=e41457c2a3864c389cb340178b20513b;i=27e88;b=e1d03b572fbf4c66b1c18be1d5cfe57d;m=327164;t=5feceef59cf09;x=31df3e70a561cd30',
      identifier: null, // SYSLOG_IDENTIFI> was cut
    });
  });
});

describe('a kubelet journal entry (built from §5.1, §5.2)', () => {
  const klog =
    'E0225 14:16:02.967711   26952 file.go:187] "Could not process manifest file" err="x" path="/etc/kubernetes/manifests/kube-apiserver.yaml"';
  const entry = {
    _SYSTEMD_UNIT: 'kubelet.service',
    PRIORITY: '6',
    MESSAGE: klog,
    __CURSOR:
      's=0123456789abcdef0123456789abcdef;i=1e4dc;b=1b0258a5c78341609bf462c72d4541c3;m=308de65;t=6194c3895a13f;x=50c7e9af5b8cfc37',
    __REALTIME_TIMESTAMP: '1740492962967800',
    _PID: '26952',
    SYSLOG_IDENTIFIER: 'kubelet',
    _TRANSPORT: 'stdout',
    _BOOT_ID: '1b0258a5c78341609bf462c72d4541c3',
  };

  it('reads the address fields and MESSAGE; severity comes from klog, not PRIORITY', () => {
    const r = parseJournalJsonLine(JSON.stringify(entry));
    expect(r).toMatchObject({
      cursor: entry.__CURSOR,
      realtimeUs: 1740492962967800,
      message: klog,
      pid: 26952,
      unit: 'kubelet.service',
      identifier: 'kubelet',
      bootId: '1b0258a5c78341609bf462c72d4541c3',
      priority: 6,
      truncated: false,
    });
    expect(parseKlogLine(r!.message!)).toMatchObject({ severity: 'E', file: 'file.go', line: 187 });
  });

  it('decodes byte arrays, reads repeated fields and elided (null) values', () => {
    const bytes = [...Buffer.from('caf\u00e9 ')].concat([0xff]);
    const r = parseJournalJsonLine(
      JSON.stringify({ ...entry, MESSAGE: bytes, _SELINUX_CONTEXT: ['a', [0x62]], BIG: null }),
    );
    expect(r!.message).toBe('café \ufffd');
    expect(r!.fields._SELINUX_CONTEXT).toEqual(['a', [0x62]]);
    expect(r!.fields.BIG).toBeNull();
    const elided = parseJournalJsonLine(JSON.stringify({ ...entry, MESSAGE: null }));
    expect(elided).toMatchObject({ message: null, messageElided: true });
  });

  it('returns null for lines that are not JSON objects', () => {
    expect(parseJournalJsonLine('-- No entries --')).toBeNull();
    expect(parseJournalJsonLine('')).toBeNull();
    expect(parseJournalJsonLine('[1,2]')).toBeNull();
  });
});
