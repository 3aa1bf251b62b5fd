/**
 * Property-based fuzzing of parsers of node output (docs/security.md "Input from nodes and users"):
 * for every generated input, no exception but a typed ContractError escapes the parser, and no
 * call takes longer than its bound. Inputs come from fast-check with a fixed seed, so a run is repeatable; FUZZ_RUNS raises
 * the count for a deep run (the unit suite keeps a few hundred per parser), FUZZ_SEED changes
 * the inputs. Every input is tried (not only up to the first failure), so a run also counts how
 * many inputs found a defect; FUZZ_REPORT=<file> appends those counts as JSON lines.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { ContractError } from '../../../src-main/contract';

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_251_203);
/** A few hundred inputs a parser take seconds; a deep run, as long as it needs. */
export const FUZZ_TEST_TIMEOUT = Math.max(60_000, FUZZ_RUNS * 300);

export interface FuzzOutcome {
  name: string;
  tried: number;
  defects: Array<{ input: string; problem: string }>;
}

const show = (input: unknown) => {
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  return text.length > 160 ? `${text.slice(0, 160)}… (${text.length} chars)` : text;
};

/** Calls `parse` on `runs` inputs of `inputs`; a throw or a call over `boundMs` of CPU time is a defect. */
export function fuzz<T>(
  name: string,
  inputs: fc.Arbitrary<T>,
  parse: (input: T) => unknown,
  boundMs = 250,
  runs = FUZZ_RUNS,
): FuzzOutcome {
  const defects: FuzzOutcome['defects'] = [];
  const samples = fc.sample(inputs, { seed: FUZZ_SEED, numRuns: runs });
  for (const input of samples) {
    // CPU time of this process, not wall time: other processes on a loaded machine do not count.
    const started = process.cpuUsage();
    try {
      parse(input);
    } catch (error) {
      // A ContractError is the typed error a caller shows for that one item: not a defect.
      if (error instanceof ContractError) continue;
      defects.push({
        input: show(input),
        problem: `threw ${(error as Error).name}: ${(error as Error).message}`,
      });
      continue;
    }
    const used = process.cpuUsage(started);
    const took = (used.user + used.system) / 1000;
    if (took > boundMs) defects.push({ input: show(input), problem: `took ${took.toFixed(0)} ms` });
  }
  const outcome = { name, tried: samples.length, defects };
  if (process.env.FUZZ_REPORT)
    fs.appendFileSync(
      process.env.FUZZ_REPORT,
      `${JSON.stringify({ name, tried: outcome.tried, defects: defects.length, first: defects[0] ?? null })}\n`,
    );
  return outcome;
}

/** Lines of a real sample, each cut, spliced, repeated or garbled: near-valid inputs. */
export function mutated(samples: string[]): fc.Arbitrary<string> {
  const base = fc.constantFrom(...samples);
  return fc.oneof(
    base,
    fc.tuple(base, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))),
    fc
      .tuple(base, fc.nat(), fc.string({ unit: 'binary', maxLength: 8 }))
      .map(([s, n, junk]) => s.slice(0, n % (s.length + 1)) + junk + s.slice(n % (s.length + 1))),
    fc.tuple(base, base, fc.nat()).map(([a, b, n]) => a.slice(0, n % (a.length + 1)) + b),
    fc.tuple(base, fc.integer({ min: 2, max: 400 })).map(([s, n]) => s.repeat(n)),
  );
}

/** Deeply nested JSON containers, as a hostile node could print (`[[[[…]]]]`, `{"a":{"a":…}}`). */
export function deepJson(wrap: (inner: string) => string = (x) => x): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: 1_000, max: 200_000 }), fc.boolean(), fc.boolean())
    .map(([depth, arrays, closed]) => {
      const open = arrays ? '['.repeat(depth) : '{"a":'.repeat(depth);
      const close = closed ? (arrays ? ']' : '}').repeat(depth) : '';
      return wrap(`${open}"x"${close}`);
    });
}

/** Any text: random Unicode, binary-ish strings, JSON values, and the mutated real samples. */
export function anyText(samples: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: mutated(samples) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 2000 }) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  );
}

/** Expects no defect in any outcome, naming the first few so a failure says what input broke what. */
export function expectClean(...outcomes: FuzzOutcome[]): void {
  const failed = outcomes.filter((o) => o.defects.length > 0);
  if (failed.length === 0) return;
  const text = failed.map((o) => {
    const list = o.defects
      .slice(0, 3)
      .map((d) => `  ${d.problem} on ${d.input}`)
      .join('\n');
    return `${o.name}: ${o.defects.length} of ${o.tried} inputs found a defect:\n${list}`;
  });
  throw new Error(text.join('\n'));
}
