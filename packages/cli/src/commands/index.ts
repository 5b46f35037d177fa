import type { CommandDef } from '../command.js';

/** A command as the dispatcher knows it before loading it: the help line and a lazy import. */
export interface CommandEntry {
  name: string;
  description: string;
  aliases?: string[];
  load(): Promise<CommandDef>;
}

// Each command is imported only when it runs: `lsml versions` never loads tsx or the server.
export const commandEntries: readonly CommandEntry[] = [
  {
    name: 'create',
    aliases: ['init'],
    description: 'Create a backend package from a template (an example)',
    load: async () => (await import('./create.js')).create,
  },
  {
    name: 'start',
    description: 'Serve a backend over HTTP for Label Studio',
    load: async () => (await import('./start.js')).start,
  },
  {
    name: 'worker',
    description: 'Run a production training worker (Redis queue)',
    load: async () => (await import('./worker.js')).worker,
  },
  {
    name: 'predict',
    description:
      'Pre-label: a whole Label Studio project through its API, or an export file offline',
    load: async () => (await import('./predict.js')).predict,
  },
  {
    name: 'doctor',
    description:
      'Check a Label Studio project and a backend together: connection, token, config, media, predictions',
    load: async () => (await import('./doctor.js')).doctor,
  },
  {
    name: 'train',
    description: 'Train offline from a Label Studio export and store a new model version',
    load: async () => (await import('./train.js')).train,
  },
  {
    name: 'versions',
    description: 'List stored model versions per project',
    load: async () => (await import('./versions.js')).versions,
  },
  {
    name: 'rollback',
    description: "Make an earlier model version a project's current one",
    load: async () => (await import('./rollback.js')).rollback,
  },
];

export function findCommand(name: string): CommandEntry | undefined {
  return commandEntries.find((e) => e.name === name || e.aliases?.includes(name));
}
