import { readFileSync } from 'node:fs';
import { isLsmlError } from '@lsml/core';
import { CLIError } from './cli-error.js';
import { parseCommandArgs } from './command.js';
import { commandEntries, findCommand } from './commands/index.js';
import type { CliIo } from './io.js';
import { renderCommandUsage, renderMainUsage } from './usage.js';

/**
 * Runs the CLI on `argv` (without `node` and the script) against `io` and resolves to the exit
 * code. Never exits the process, so tests drive every command in-process.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const debug = argv.includes('--debug');
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(renderMainUsage(commandEntries, cliVersion()));
      return name === undefined ? 1 : 0;
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`${cliVersion()}\n`);
      return 0;
    }
    const entry = findCommand(name);
    if (!entry) {
      throw new CLIError(
        'UNKNOWN_COMMAND',
        `Unknown command "${name}"`,
        `commands: ${commandEntries.map((e) => e.name).join(', ')}`,
      );
    }
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(renderCommandUsage(command));
      return 0;
    }
    // --debug works on every command: commands that do not declare it just get stack traces.
    const words = 'debug' in command.args ? rest : rest.filter((word) => word !== '--debug');
    const args = parseCommandArgs(command, words);
    return (await command.run({ args, io })) ?? 0;
  } catch (error) {
    reportError(error, io, debug);
    return 1;
  }
}

/** One line saying what went wrong and one saying what to do; stacks only with --debug. */
function reportError(error: unknown, io: CliIo, debug: boolean): void {
  if (error instanceof CLIError) {
    io.stderr.write(`lsml: ${error.message}\n`);
    if (error.hint) io.stderr.write(`  hint: ${error.hint}\n`);
  } else if (isLsmlError(error)) {
    io.stderr.write(`lsml: ${error.message} (${error.code})\n`);
  } else {
    io.stderr.write(
      `lsml: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    if (!debug) io.stderr.write('  hint: run again with --debug for the stack trace\n');
  }
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
}

function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
