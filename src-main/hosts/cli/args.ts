/**
 * Command-line parsing for `kubelet-studio`: a command, its positional arguments, and
 * `--flag[=value]` options. Unknown options are errors, not silently ignored.
 */
export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  options: Map<string, string | true>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface OptionSpec {
  /** Takes a value (`--port 8080` or `--port=8080`). */
  value?: boolean;
}

export function parseArgs(argv: string[], known: Record<string, OptionSpec>): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const [rawName, inlineValue] = arg.replace(/^--?/, '').split(/=(.*)/s, 2) as [string, string | undefined];
    const spec = known[rawName];
    if (!spec) throw new UsageError(`unknown option ${arg}`);
    if (!spec.value) {
      if (inlineValue !== undefined) throw new UsageError(`option --${rawName} takes no value`);
      options.set(rawName, true);
      continue;
    }
    const value = inlineValue ?? argv[++i];
    if (value === undefined) throw new UsageError(`option --${rawName} needs a value`);
    options.set(rawName, value);
  }
  const [command, ...rest] = positionals;
  return { command, positionals: rest, options };
}

export function optionString(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function optionInt(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const value = optionString(args, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}
