import { isLsmlError } from '@lsml/core';
import { openStore } from '../backend/open-store.js';
import { CLIError } from '../cli-error.js';
import { defineCommand } from '../command.js';
import { storeArgs } from './store-args.js';

export const rollback = defineCommand({
  name: 'rollback',
  description: "Make an earlier model version a project's current one",
  args: {
    version: { type: 'positional', description: 'Version: 3 or dummy-v3', required: true },
    project: { type: 'string', description: 'Project id', default: 'default', valueHint: 'id' },
    ...storeArgs,
  },
  notes:
    'A running server switches on its next /setup call (Label Studio sends one before every batch). The version is pinned: later trainings do not prune it until the next rollback moves the pin or `lsml versions --project <id> --unpin` releases it.',
  async run({ args, io }) {
    const store = await openStore(args, io);
    try {
      const info = await store.rollback(args.project, args.version);
      io.stdout.write(`project ${args.project}: current version is now ${info.version}\n`);
      return 0;
    } catch (error) {
      if (isLsmlError(error) && error.code === 'NOT_FOUND') {
        throw new CLIError(
          'VERSION_NOT_FOUND',
          error.message,
          `list the versions with \`lsml versions --project ${args.project}\``,
        );
      }
      throw error;
    }
  },
});
