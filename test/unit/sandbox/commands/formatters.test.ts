import { describe, expect, it } from 'vitest';
import {
  CRICTL_TABWRITER,
  KUBECTL_TABWRITER,
  tabwrite,
  tabwriteRows,
} from '../../../../src-main/sandbox/commands/tabwriter';
import { goUnitsHumanDuration } from '../../../../src-main/sandbox/commands/go-units';
import { apimachineryHumanDuration } from '../../../../src-main/sandbox/commands/human-duration';
import {
  goJsonIndent,
  msg,
  protoJsonStringify,
  protoMap,
  UNSET,
} from '../../../../src-main/sandbox/commands/protojson';
import { goYamlStringify } from '../../../../src-main/sandbox/commands/go-yaml';
import { cellsOf, readReal, tableAt } from './fixtures';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('tabwriter reproduces real tables cell for cell', () => {
  const crictlTables: Array<[string, string, number]> = [
    ['crictl-ps-v1.24-containerd-pod-column.txt', 'CONTAINER ', 0],
    ['crictl-ps-v1.24-containerd-pod-column.txt', 'CONTAINER ', 1],
    ['crictl-tables-historical.txt', 'CONTAINER ID', 0],
    ['crictl-tables-historical.txt', 'POD ID', 0],
  ];
  for (const [file, header, n] of crictlTables) {
    it(`crictl: ${file} ${header.trim()} #${n}`, () => {
      const real = tableAt(readReal(file), header, n);
      expect(real.length).toBeGreaterThan(1);
      const ours = tabwriteRows(real.map(cellsOf), CRICTL_TABWRITER);
      expect(ours).toBe(real.map((l) => l.trimEnd() + '\n').join(''));
    });
  }
  // These two excerpts were cut by their authors: the NAME column is wider than any name shown,
  // so the omitted rows had a longer name. With such a row added (and removed from the output),
  // every other column still lands where the real crictl put it.
  it.each([
    [0, 23],
    [1, 24],
  ])('crictl: crictl-tables-historical.txt CONTAINER #%d with its omitted longer NAME', (n, nameLen) => {
    const real = tableAt(readReal('crictl-tables-historical.txt'), 'CONTAINER  ', n);
    const rows = real.map(cellsOf);
    const phantom = rows[1].map((c, i) => (i === 4 ? 'x'.repeat(nameLen) : c));
    const ours = tabwriteRows([...rows, phantom], CRICTL_TABWRITER)
      .split('\n')
      .slice(0, real.length);
    expect(ours).toEqual(real.map((l) => l.trimEnd()));
  });

  const kubectlTables: Array<[string, string, number]> = [
    ['kubectl-get-pods-A-wide-v1.29-v1.30.txt', 'NAMESPACE', 0],
    ['kubectl-get-pods-A-wide-v1.29-v1.30.txt', 'NAMESPACE', 1],
    ['kubectl-get-pods-A-v1.29-static-and-plain.txt', 'NAMESPACE', 0],
    ['kubectl-get-pods-A-v1.29-static-and-plain.txt', 'NAMESPACE', 1],
    ['kubectl-static-pod-lifecycle-v1.24.txt', 'NAMESPACE', 0],
    ['kubectl-static-pod-lifecycle-v1.24.txt', 'NAME ', 0],
  ];
  for (const [file, header, n] of kubectlTables) {
    it(`kubectl: ${file} ${header.trim()} #${n}`, () => {
      const real = tableAt(readReal(file), header, n);
      const ours = tabwriteRows(real.map(cellsOf), KUBECTL_TABWRITER);
      expect(ours).toBe(real.map((l) => l + '\n').join(''));
    });
  }

  it('pads to minwidth, leaves the last column unpadded, counts runes', () => {
    expect(tabwrite(['a\tb', 'ccc\td'], { minwidth: 5, padding: 3 })).toBe('a     b\nccc   d\n');
    expect(tabwrite(['é\tx'], { minwidth: 0, padding: 1 })).toBe('é x\n');
  });

  it('computes widths per column block like Go', () => {
    // Line 2 has no cell in column 1, so line 3's column 1 starts a new block.
    const out = tabwrite(['a\tlongcell\tz', 'b', 'c\tx\ty'], { minwidth: 0, padding: 1 });
    expect(out).toBe('a longcell z\nb\nc x y\n');
  });
});

describe('go-units HumanDuration (crictl CREATED)', () => {
  it.each([
    [500, 'Less than a second'],
    [1 * S, '1 second'],
    [59 * S, '59 seconds'],
    [90 * S, 'About a minute'],
    [10 * M + 30 * S, '10 minutes'],
    [59 * M, '59 minutes'],
    [89 * M, 'About an hour'],
    [90 * M, '2 hours'],
    [47 * H, '47 hours'],
    [3 * D, '3 days'],
    [15 * D, '2 weeks'],
    [90 * D, '3 months'],
    [800 * D, '2 years'],
  ])('%d ms → %s', (ms, want) => expect(goUnitsHumanDuration(ms)).toBe(want));
});

describe('apimachinery HumanDuration (kubectl AGE)', () => {
  it.each([
    [-3 * S, '<invalid>'],
    [-1 * S + 1, '0s'],
    [45 * S, '45s'],
    [70 * S, '70s'],
    [9 * M + 33 * S, '9m33s'],
    [5 * M, '5m'],
    [69 * M, '69m'],
    [100 * M, '100m'],
    [3 * H + 5 * M, '3h5m'],
    [4 * H, '4h'],
    [20 * H, '20h'],
    [3 * D + 4 * H, '3d4h'],
    [8 * D, '8d'],
    [365 * 3 * D + 2 * D, '3y2d'],
    [365 * 9 * D, '9y'],
  ])('%d ms → %s', (ms, want) => expect(apimachineryHumanDuration(ms)).toBe(want));
});

describe('protojson serializers (§3.3)', () => {
  const value = msg([
    ['id', 'abc'],
    [
      'metadata',
      msg([
        ['name', 'n'],
        ['attempt', 0],
      ]),
    ],
    ['createdAt', '1717032223123456789'],
    ['labels', protoMap({ z: '1', a: '<2>' })],
    ['annotations', protoMap({})],
    ['linux', UNSET],
  ]);
  it('protojson ≥1.31: {} for empty maps, unset omitted, no HTML escaping', () => {
    expect(protoJsonStringify(value, { kind: 'protojson' })).toBe(
      '{\n  "id": "abc",\n  "metadata": {\n    "name": "n",\n    "attempt": 0\n  },\n  "createdAt": "1717032223123456789",\n' +
        '  "labels": {\n    "a": "<2>",\n    "z": "1"\n  },\n  "annotations": {}\n}',
    );
  });
  it('protojson double-space variant is consistent', () => {
    const out = protoJsonStringify(value, { kind: 'protojson', doubleSpace: true });
    expect(out).toContain('"id":  "abc"');
    expect(out).not.toMatch(/": [^ ]/);
  });
  it('jsonpb ≤1.30: `{` newline `}` empty maps, null unset messages, HTML-escaped', () => {
    const out = protoJsonStringify(value, { kind: 'jsonpb' });
    expect(out).toContain('  "annotations": {\n  },\n');
    expect(out).toContain('"linux": null');
    expect(out).toContain('"a": "\\u003c2\\u003e"');
  });
  it('Go map JSON sorts keys and keeps empty containers compact', () => {
    expect(goJsonIndent({ b: [], a: {}, c: 'x&y' }, '  ')).toBe(
      '{\n  "a": {},\n  "b": [],\n  "c": "x\\u0026y"\n}',
    );
  });
});

describe('Go-style YAML', () => {
  it('quotes like go-yaml v2 and sorts keys', () => {
    const out = goYamlStringify({
      status: 'True',
      creationTimestamp: '2024-05-30T01:23:44Z',
      message: 'containers with unready status: [kube-scheduler]',
      resourceVersion: '1287',
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
      lastProbeTime: null,
      component: 'kube-scheduler',
    });
    expect(out).toBe(
      'component: kube-scheduler\ncreationTimestamp: "2024-05-30T01:23:44Z"\nlastProbeTime: null\n' +
        'message: \'containers with unready status: [kube-scheduler]\'\nresourceVersion: "1287"\nstatus: "True"\n' +
        'tolerations:\n- effect: NoExecute\n  operator: Exists\n',
    );
  });
});
