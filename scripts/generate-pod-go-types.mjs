#!/usr/bin/env node
// Generates src-main/kubelet/go-types/pod-go-types.ts: the Go types of every field reachable from
// v1.Pod, for each Kubernetes minor version the kubelet model knows. The kubelet decodes a
// manifest into these structs (k8s.io/api core/v1/types.go, k8s.io/apimachinery
// pkg/apis/meta/v1/types.go), so a field's Go type decides what the JSON decoder accepts and how
// its error reads ("… into Go struct field EnvVar.spec.containers.env.value of type string").
//
// Usage: node scripts/generate-pod-go-types.mjs --api <k8s.io/api git dir> --apimachinery <git dir>
// (clones of github.com/kubernetes/api and github.com/kubernetes/apimachinery with their tags).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'src-main/kubelet/go-types/pod-go-types.ts');
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || !process.argv[i + 1]) throw new Error(`--${name} <git dir> is required`);
  return process.argv[i + 1];
};
const apiDir = arg('api');
const machineryDir = arg('apimachinery');
const MINORS = [27, 28, 29, 30, 31, 32, 33, 34, 35, 36];

const show = (dir, tag, file) =>
  execFileSync('git', ['-C', dir, 'show', `${tag}:${file}`], { encoding: 'utf8', maxBuffer: 1 << 26 });

/** Parses Go type declarations of one file: structs (fields with json names) and named types. */
function parseGo(source, pkg) {
  const structs = {};
  const named = {};
  const lines = source.split('\n');
  const qualify = (type) =>
    type
      .replace(/(^|[\]*])([A-Z]\w*)/g, (_, pre, name) => `${pre}${pkg}.${name}`)
      .replace(/\bmetav1\./g, 'meta.');
  for (let i = 0; i < lines.length; i++) {
    const head = /^type (\w+) struct \{\s*$/.exec(lines[i]);
    if (head) {
      const fields = [];
      for (i++; i < lines.length && lines[i] !== '}'; i++) {
        const line = lines[i].replace(/\/\/.*$/, '').trim();
        if (!line) continue;
        const field = /^(\w+)\s+([^\s`]+)\s+`json:"([^"]*)"/.exec(line);
        const embedded = /^([\w.]+)\s+`json:"([^"]*)"/.exec(line);
        if (field) {
          const [jsonName] = field[3].split(',');
          if (jsonName === '-') continue;
          fields.push({ json: jsonName || field[1], type: normaliseType(field[2], pkg) });
        } else if (embedded) {
          const [jsonName] = embedded[2].split(',');
          const type = normaliseType(embedded[1], pkg);
          if (jsonName === '') fields.push({ inline: type });
          else if (jsonName !== '-') fields.push({ json: jsonName, type });
        }
      }
      structs[`${pkg}.${head[1]}`] = fields;
      continue;
    }
    const alias = /^type (\w+) =?\s*([^\s{]+)\s*$/.exec(lines[i]);
    if (alias && !/^struct/.test(alias[2]) && !/^interface/.test(alias[2])) {
      named[`${pkg}.${alias[1]}`] = normaliseType(alias[2], pkg);
    }
  }
  void qualify;
  return { structs, named };
}

/** Go type syntax → this table's syntax: local names get their package, metav1.X → meta.X. */
function normaliseType(type, pkg) {
  const builtin = new Set([
    'string',
    'bool',
    'int',
    'int32',
    'int64',
    'uint',
    'uint32',
    'uint64',
    'float32',
    'float64',
    'byte',
  ]);
  const walk = (t) => {
    if (t.startsWith('*')) return `*${walk(t.slice(1))}`;
    if (t.startsWith('[]')) return `[]${walk(t.slice(2))}`;
    const map = /^map\[([^\]]+)\](.+)$/.exec(t);
    if (map) return `map[${walk(map[1])}]${walk(map[2])}`;
    if (builtin.has(t)) return t;
    if (t.startsWith('metav1.')) return `meta.${t.slice(7)}`;
    if (t.includes('.')) return t;
    return `${pkg}.${t}`;
  };
  return walk(type);
}

const perMinor = new Map();
for (const minor of MINORS) {
  const tag = `v0.${minor}.0`;
  const core = parseGo(show(apiDir, tag, 'core/v1/types.go'), 'core');
  const meta = parseGo(show(machineryDir, tag, 'pkg/apis/meta/v1/types.go'), 'meta');
  const time = parseGo(show(machineryDir, tag, 'pkg/apis/meta/v1/time.go'), 'meta');
  perMinor.set(minor, {
    structs: { ...core.structs, ...meta.structs, ...time.structs },
    named: { ...core.named, ...meta.named },
  });
}

// Types with their own UnmarshalJSON: the decoder models them by name, not by their fields.
const CUSTOM = new Set([
  'resource.Quantity',
  'intstr.IntOrString',
  'meta.Time',
  'meta.MicroTime',
  'meta.FieldsV1',
  'meta.Duration',
]);

/** Every struct and named type reachable from core.Pod in one version. */
function reachable(table) {
  const structs = {};
  const named = {};
  const queue = ['core.Pod'];
  const visitType = (t) => {
    const m = /^(?:\*|\[\])*(.*)$/.exec(t)[1];
    const map = /^map\[([^\]]+)\](.+)$/.exec(m);
    if (map) {
      visitType(map[1]);
      visitType(map[2]);
      return;
    }
    if (CUSTOM.has(m) || !m.includes('.')) return;
    if (table.structs[m]) queue.push(m);
    else if (table.named[m] !== undefined && named[m] === undefined) {
      named[m] = table.named[m];
      visitType(table.named[m]);
    }
  };
  while (queue.length > 0) {
    const id = queue.shift();
    if (structs[id]) continue;
    const fields = table.structs[id];
    if (!fields) throw new Error(`unknown struct ${id}`);
    structs[id] = fields;
    for (const f of fields) visitType(f.inline ?? f.type);
  }
  return { structs, named };
}

const versions = new Map([...perMinor].map(([minor, table]) => [minor, reachable(table)]));

// Merge: a field present in some minors only carries since/until.
const structs = {};
const named = {};
for (const [minor, table] of versions) {
  for (const [id, fields] of Object.entries(table.structs)) {
    const merged = (structs[id] ??= { minors: new Set(), fields: new Map() });
    merged.minors.add(minor);
    for (const f of fields) {
      const key = f.inline ? `inline:${f.inline}` : `${f.json}:${f.type}`;
      const entry = merged.fields.get(key) ?? { ...f, minors: new Set() };
      entry.minors.add(minor);
      merged.fields.set(key, entry);
    }
  }
  for (const [id, type] of Object.entries(table.named)) named[id] = type;
}
const range = (minors) => {
  const list = [...minors].sort((a, b) => a - b);
  const r = {};
  if (list[0] !== MINORS[0]) r.since = list[0];
  if (list[list.length - 1] !== MINORS[MINORS.length - 1]) r.until = list[list.length - 1];
  return r;
};
const table = {};
for (const id of Object.keys(structs).sort()) {
  const s = structs[id];
  table[id] = {
    ...range(s.minors),
    fields: [...s.fields.values()].map((f) => ({
      ...(f.inline ? { inline: f.inline } : { json: f.json, type: f.type }),
      ...range(f.minors),
    })),
  };
}
const namedSorted = Object.fromEntries(
  Object.keys(named)
    .sort()
    .map((k) => [k, named[k]]),
);

const body = `// Generated by scripts/generate-pod-go-types.mjs from k8s.io/api core/v1/types.go and
// k8s.io/apimachinery pkg/apis/meta/v1/types.go at v0.${MINORS[0]}.0 … v0.${MINORS[MINORS.length - 1]}.0. Do not edit.
// Every struct reachable from v1.Pod with its JSON fields and Go types; \`since\`/\`until\` are the
// first/last Kubernetes minor version (1.x) a struct or field exists in, when not all of them.
import type { GoTypeTable } from './go-type-table';

export const POD_GO_TYPES: GoTypeTable = {
  minors: ${JSON.stringify(MINORS)},
  structs: {
${Object.entries(table)
  .map(
    ([id, s]) =>
      `    '${id}': {${s.since ? ` since: ${s.since},` : ''}${s.until ? ` until: ${s.until},` : ''} fields: [\n${s.fields
        .map(
          (f) =>
            `      ${JSON.stringify(f)
              .replace(/"(\w+)":/g, '$1: ')
              .replace(/"/g, "'")},`,
        )
        .join('\n')}\n    ] },`,
  )
  .join('\n')}
  },
  named: {
${Object.entries(namedSorted)
  .map(([id, t]) => `    '${id}': '${t}',`)
  .join('\n')}
  },
};
`;
writeFileSync(out, body);
console.log(
  `${Object.keys(table).length} structs, ${Object.keys(namedSorted).length} named types → ${path.relative(root, out)}`,
);
