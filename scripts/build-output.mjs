// How the build puts files into out/ while the app, the CLI or a test suite may be using them
// (`npm run build` beside a running `npm start`, a second test command in the same checkout):
// never a missing or half-written file. Each file is written beside its place and renamed over
// it (rename(2) replaces a path atomically; a process that has the old file open keeps it).
// A directory is never emptied first: the renderer used to be, and for the seconds of a build
// browser mode answered "The UI is not built".
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes `contents` to `file` atomically (a temporary file in the same directory, renamed). */
export function writeAtomically(file, contents) {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

/** esbuild's result with `write: false`: every output file written atomically. */
export function writeOutputFiles(outputFiles) {
  for (const file of outputFiles) writeAtomically(file.path, file.contents);
  return outputFiles.map((file) => file.path);
}

function filesBelow(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesBelow(full, base) : [path.relative(base, full)];
  });
}

/**
 * Moves a freshly built directory's files into `target`, each by rename, the entry page last
 * (so it never names an asset not there yet), then removes the files the new build no longer
 * has. `target` is never empty or missing in between.
 */
export function publishDirectory(staging, target, entryPage = 'index.html') {
  const fresh = filesBelow(staging).sort((a, b) => Number(a === entryPage) - Number(b === entryPage));
  for (const relative of fresh) {
    mkdirSync(path.dirname(path.join(target, relative)), { recursive: true });
    renameSync(path.join(staging, relative), path.join(target, relative));
  }
  const kept = new Set(fresh);
  for (const relative of filesBelow(target)) {
    if (!kept.has(relative)) rmSync(path.join(target, relative), { force: true });
  }
  rmSync(staging, { recursive: true, force: true });
}

/**
 * Removes files of `dir` that the latest build did not write and that are older than
 * `minAgeMs`: split chunks an older, still running CLI process may yet load on demand
 * (a `serve` started before the rebuild) stay for a while.
 */
export function pruneUnwritten(dir, written, minAgeMs) {
  const keep = new Set(written.map((file) => path.resolve(file)));
  const now = Date.now();
  for (const relative of filesBelow(dir)) {
    const file = path.resolve(dir, relative);
    if (keep.has(file)) continue;
    if (now - statSync(file).mtimeMs >= minAgeMs) rmSync(file, { force: true });
  }
}
