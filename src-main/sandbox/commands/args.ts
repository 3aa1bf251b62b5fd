/**
 * One argv parser for the three simulated tools. Each tool declares its options; the parser
 * accepts the spellings the real tool accepts and reports problems as data, so each tool can
 * word the error as the real one does (urfave/cli + Go flag for crictl, pflag for kubectl,
 * getopt_long for journalctl).
 */
export interface OptionSpec {
  /** Long name without dashes, e.g. `namespace`. */
  name: string;
  /** One-letter short alias, e.g. `n`. */
  short?: string;
  /** `none`: boolean; `required`: takes a value; `optional-number`: journalctl's `-n [N]`. */
  value: 'none' | 'required' | 'optional-number';
}

export interface ParsedArgs {
  /** Every occurrence's value by long name (`'true'` for booleans), in command-line order. */
  options: Map<string, string[]>;
  positionals: string[];
}

export type ArgsProblem =
  | { kind: 'unknown-long'; flag: string }
  | { kind: 'unknown-short'; letter: string; arg: string }
  | { kind: 'missing-value'; spec: OptionSpec; viaShort: boolean; arg: string };

export class ArgsError extends Error {
  constructor(readonly problem: ArgsProblem) {
    super(problem.kind);
  }
}

export interface ParseStyle {
  /** Go's flag package also accepts `-name` for long options (crictl). */
  singleDashLong?: boolean;
}

export function parseArgs(argv: string[], specs: OptionSpec[], style: ParseStyle = {}): ParsedArgs {
  const options = new Map<string, string[]>();
  const positionals: string[] = [];
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const add = (spec: OptionSpec, v: string) => options.set(spec.name, [...(options.get(spec.name) ?? []), v]);

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const long = arg.startsWith('--')
      ? arg.slice(2)
      : style.singleDashLong && arg.length > 2 && arg[0] === '-' && byLong.has(arg.slice(1).split('=')[0])
        ? arg.slice(1)
        : null;
    if (long !== null) {
      const eq = long.indexOf('=');
      const name = eq >= 0 ? long.slice(0, eq) : long;
      const spec = byLong.get(name);
      if (!spec) throw new ArgsError({ kind: 'unknown-long', flag: name });
      if (spec.value === 'none') add(spec, eq >= 0 ? long.slice(eq + 1) : 'true');
      else if (eq >= 0) add(spec, long.slice(eq + 1));
      else if (spec.value === 'optional-number') {
        if (i + 1 < argv.length && /^[+-]?\d+$|^all$/.test(argv[i + 1])) add(spec, argv[++i]);
        else add(spec, '');
      } else if (i + 1 < argv.length) add(spec, argv[++i]);
      else throw new ArgsError({ kind: 'missing-value', spec, viaShort: false, arg });
      continue;
    }
    if (arg.length > 1 && arg[0] === '-' && arg !== '-') {
      // A cluster of short options: `-aq`, `-n5`, `-nkube-system`, `-n=kube-system`.
      for (let j = 1; j < arg.length; j++) {
        const spec = byShort.get(arg[j]);
        if (!spec) throw new ArgsError({ kind: 'unknown-short', letter: arg[j], arg });
        if (spec.value === 'none') {
          add(spec, 'true');
          continue;
        }
        let rest = arg.slice(j + 1);
        if (rest.startsWith('=')) rest = rest.slice(1);
        if (rest !== '') add(spec, rest);
        else if (spec.value === 'optional-number') {
          if (i + 1 < argv.length && /^[+-]?\d+$|^all$/.test(argv[i + 1])) add(spec, argv[++i]);
          else add(spec, '');
        } else if (i + 1 < argv.length) add(spec, argv[++i]);
        else throw new ArgsError({ kind: 'missing-value', spec, viaShort: true, arg });
        break;
      }
      continue;
    }
    positionals.push(arg);
  }
  return { options, positionals };
}

/** Accessors over ParsedArgs. */
export function flag(p: ParsedArgs, name: string): boolean {
  const v = p.options.get(name);
  return !!v && v[v.length - 1] !== 'false';
}

export function optValue(p: ParsedArgs, name: string): string | undefined {
  const v = p.options.get(name);
  return v ? v[v.length - 1] : undefined;
}

export function optValues(p: ParsedArgs, name: string): string[] {
  return p.options.get(name) ?? [];
}
