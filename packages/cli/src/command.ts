import { parseArgs } from 'node:util';
import { CLIError } from './cli-error.js';
import type { CliIo } from './io.js';

/** One argument of a command: a positional in declaration order, or a `--flag`. */
export type ArgDef =
  | { type: 'positional'; description: string; required?: boolean; valueHint?: string }
  | {
      type: 'string';
      description: string;
      default?: string;
      alias?: string;
      valueHint?: string;
      required?: boolean;
    }
  | { type: 'boolean'; description: string; alias?: string };

/** A command's arguments, keyed by their flag name (`basic-auth-user` for `--basic-auth-user`). */
export type ArgsDef = Record<string, ArgDef>;

type ArgValue<D extends ArgDef> = D extends { type: 'boolean' }
  ? boolean
  : D extends { required: true } | { default: string }
    ? string
    : string | undefined;

export type ParsedArgs<A extends ArgsDef> = { [K in keyof A]: ArgValue<A[K]> };

export interface CommandContext<A extends ArgsDef> {
  args: ParsedArgs<A>;
  io: CliIo;
}

/** A subcommand: its usage, its arguments and what it does. Returns the exit code (default 0). */
export interface CommandDef<A extends ArgsDef = ArgsDef> {
  name: string;
  description: string;
  aliases?: string[];
  args: A;
  /** Extra usage text: examples, env vars. */
  notes?: string;
  run(context: CommandContext<A>): Promise<number | undefined>;
}

/** Identity helper that types a command's `args` from its definition. */
export function defineCommand<A extends ArgsDef>(command: CommandDef<A>): CommandDef<A> {
  return command;
}

/** Parses `argv` (the words after the command name) against `def`; throws BAD_ARGS on misuse. */
export function parseCommandArgs<A extends ArgsDef>(
  command: CommandDef<A>,
  argv: string[],
): ParsedArgs<A> {
  const entries = Object.entries(command.args);
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, def] of entries) {
    if (def.type === 'positional') continue;
    options[name] = { type: def.type, ...(def.alias ? { short: def.alias } : {}) };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CLIError(
      'BAD_ARGS',
      (error as Error).message.split('\n')[0] ?? 'invalid arguments',
      `see \`lsml ${command.name} --help\``,
    );
  }
  const out: Record<string, string | boolean | undefined> = {};
  const positionals = [...parsed.positionals];
  for (const [name, def] of entries) {
    if (def.type === 'positional') {
      out[name] = positionals.shift();
      if (def.required && out[name] === undefined) {
        throw new CLIError(
          'BAD_ARGS',
          `Missing <${name}>`,
          `usage: lsml ${command.name} ${usageLine(command)}`,
        );
      }
      continue;
    }
    const value = parsed.values[name];
    if (def.type === 'boolean') out[name] = value === true;
    else {
      out[name] = typeof value === 'string' ? value : def.default;
      if (def.required && out[name] === undefined) {
        throw new CLIError(
          'BAD_ARGS',
          `Missing --${name}`,
          `usage: lsml ${command.name} ${usageLine(command)}`,
        );
      }
    }
  }
  if (positionals.length > 0) {
    throw new CLIError(
      'BAD_ARGS',
      `Unexpected argument "${positionals[0] ?? ''}"`,
      `usage: lsml ${command.name} ${usageLine(command)}`,
    );
  }
  return out as ParsedArgs<A>;
}

/** `<dir> [--port <n>] …`: the one-line synopsis of a command. */
export function usageLine(command: CommandDef): string {
  return Object.entries(command.args)
    .map(([name, def]) => {
      if (def.type === 'positional') return def.required ? `<${name}>` : `[${name}]`;
      const flag = def.type === 'boolean' ? `--${name}` : `--${name} <${def.valueHint ?? name}>`;
      return def.type === 'string' && def.required ? flag : `[${flag}]`;
    })
    .join(' ');
}

/** Reads an integer flag, refusing anything else with a message naming the flag. */
export function integerArg(
  value: string | undefined,
  name: string,
  { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CLIError(
      'BAD_ARGS',
      `--${name} must be a whole number from ${min} to ${max}, got "${value}"`,
    );
  }
  return n;
}
