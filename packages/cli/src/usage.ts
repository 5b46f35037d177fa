import { usageLine, type CommandDef } from './command.js';
import type { CommandEntry } from './commands/index.js';

/** `lsml --help`: every command with its one-line description. */
export function renderMainUsage(entries: readonly CommandEntry[], version: string): string {
  const width = Math.max(...entries.map((e) => e.name.length));
  const lines = entries.map(
    (e) =>
      `  ${e.name.padEnd(width)}  ${e.description}${e.aliases ? ` (alias: ${e.aliases.join(', ')})` : ''}`,
  );
  return [
    `label-studio-ml (lsml) ${version}: Label Studio ML backends in TypeScript`,
    '',
    'Usage: lsml <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `lsml <command> --help` for its options.',
    '',
  ].join('\n');
}

/** `lsml <command> --help`: synopsis, arguments and notes. */
export function renderCommandUsage(command: CommandDef): string {
  const rows = Object.entries(command.args).map(([name, def]) => {
    const left =
      def.type === 'positional'
        ? `<${name}>`
        : `${'alias' in def && def.alias ? `-${def.alias}, ` : ''}--${name}${def.type === 'string' ? ` <${def.valueHint ?? name}>` : ''}`;
    const fallback =
      def.type === 'string' && def.default !== undefined ? ` (default ${def.default})` : '';
    return [left, `${def.description}${fallback}`] as const;
  });
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return [
    command.description,
    '',
    `Usage: lsml ${command.name} ${usageLine(command)}`,
    '',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`),
    ...(command.notes ? ['', command.notes] : []),
    '',
  ].join('\n');
}
