// Two lint rules for the walls inside src-main (eslint.config.js says where each folder sits):
//  - `layers`: a file imports only from its own top folder or from a folder of a lower layer
//    (or, for a folder with an `only` list, from exactly those folders);
//  - `no-cycle`: no file imports, directly or through others, a file that imports it back.
// Both follow every import form, type-only and dynamic ones included: a type import is still a
// dependency of the code's meaning, and a lazy import still ties two modules together.
// The import graph is read with TypeScript's preProcessFile (a scanner, no type checking) and
// cached per file and modification time, so a whole-repository lint stays fast.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

/** The file a relative specifier names (`./x`, `./x.js` for x.ts, `./dir` for dir/index.ts), or null. */
function resolveSpecifier(fromFile, specifier) {
  if (!specifier.startsWith('.')) return null;
  const bare = specifier.replace(/\?.*$/, '');
  const base = path.resolve(path.dirname(fromFile), bare);
  const candidates = [base, ...RESOLVE_SUFFIXES.slice(1).map((s) => base + s)];
  if (/\.[cm]?js$/.test(bare)) candidates.push(base.replace(/\.([cm]?)js$/, '.$1ts'));
  for (const candidate of candidates) {
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

const graphCache = new Map(); // file → { mtimeMs, deps: string[] }

/** The files `file` imports (relative imports that resolve), from the file on disk. */
function dependenciesOf(file) {
  let mtimeMs;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const cached = graphCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.deps;
  const text = fs.readFileSync(file, 'utf8');
  const deps = [];
  for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
    const target = resolveSpecifier(file, ref.fileName);
    if (target && /\.tsx?$/.test(target) && !deps.includes(target)) deps.push(target);
  }
  graphCache.set(file, { mtimeMs, deps });
  return deps;
}

/** The shortest import path from `start` back to `goal`, or null (breadth-first over the graph). */
function pathBack(start, goal) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const next of dependenciesOf(file)) {
      if (previous.has(next)) continue;
      previous.set(next, file);
      if (next === goal) {
        const chain = [];
        for (let at = next; at !== null; at = previous.get(at)) chain.unshift(at);
        return chain;
      }
      queue.push(next);
    }
  }
  return null;
}

/** Calls `check(node, specifier)` for every import form in the file being linted. */
function importVisitors(check) {
  const literal = (node, source) => {
    if (source && source.type === 'Literal' && typeof source.value === 'string') check(node, source.value);
  };
  return {
    ImportDeclaration: (node) => literal(node, node.source),
    ExportNamedDeclaration: (node) => literal(node, node.source),
    ExportAllDeclaration: (node) => literal(node, node.source),
    ImportExpression: (node) => literal(node, node.source),
    TSImportType: (node) =>
      literal(node, node.argument?.type === 'TSLiteralType' ? node.argument.literal : null),
  };
}

const rootOption = {
  type: 'string',
  description: 'Absolute path of the folder whose top folders are the layers.',
};

function topFolder(root, file) {
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const parts = relative.split(path.sep);
  return parts.length > 1 ? parts[0] : '';
}

const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'A top folder imports only lower layers (eslint.config.js).' },
    schema: [
      {
        type: 'object',
        properties: {
          root: rootOption,
          layers: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
          only: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      upward: '{{from}}/ may not import {{to}}/ ({{why}}): {{specifier}}',
      unplaced: '{{folder}}/ has no layer: place it in the layers of eslint.config.js.',
    },
  },
  create(context) {
    const { root, layers: tiers, only = {} } = context.options[0];
    const file = context.filename;
    const from = topFolder(root, file);
    if (from === null) return {};
    const rank = new Map(tiers.flatMap((tier, index) => tier.map((folder) => [folder, index])));
    const order = tiers.map((tier) => tier.join(', ')).join(' ← ');
    const reportUnplaced = (node, folder) =>
      context.report({
        node,
        messageId: 'unplaced',
        data: { folder: folder || '(files directly in the root)' },
      });
    if (!rank.has(from)) {
      return { Program: (node) => reportUnplaced(node, from) };
    }
    return importVisitors((node, specifier) => {
      const target = resolveSpecifier(file, specifier);
      if (!target) return;
      const to = topFolder(root, target);
      if (to === null || to === from) return;
      if (!rank.has(to)) return reportUnplaced(node, to);
      const allowed = only[from] ? only[from].includes(to) : rank.get(to) < rank.get(from);
      if (allowed) return;
      const why = only[from]
        ? `${from}/ imports only ${only[from].map((f) => `${f}/`).join(' and ')}`
        : rank.get(to) === rank.get(from)
          ? 'they sit side by side in one layer'
          : `layers: ${order}`;
      context.report({ node, messageId: 'upward', data: { from, to, why, specifier } });
    });
  },
};

const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycles between the files under the root.' },
    schema: [
      { type: 'object', properties: { root: rootOption }, required: ['root'], additionalProperties: false },
    ],
    messages: { cycle: 'Import cycle: {{chain}}' },
  },
  create(context) {
    const { root } = context.options[0];
    const file = context.filename;
    if (topFolder(root, file) === null) return {};
    const name = (f) => path.relative(root, f);
    const seen = new Set();
    return importVisitors((node, specifier) => {
      const target = resolveSpecifier(file, specifier);
      if (!target || !/\.tsx?$/.test(target) || topFolder(root, target) === null || seen.has(target)) return;
      seen.add(target);
      const back = target === file ? [file] : pathBack(target, file);
      if (back)
        context.report({ node, messageId: 'cycle', data: { chain: [file, ...back].map(name).join(' → ') } });
    });
  },
};

export default {
  meta: { name: 'kubelet-studio-layers' },
  rules: { layers, 'no-cycle': noCycle },
};
