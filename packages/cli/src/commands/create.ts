import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { CLIError } from '../cli-error.js';
import { defineCommand } from '../command.js';
import { createFromTemplate } from '../templates/copy-template.js';
import {
  DEFAULT_TEMPLATE,
  findTemplate,
  listTemplates,
  templatesDir,
} from '../templates/template-catalog.js';

export const create = defineCommand({
  name: 'create',
  aliases: ['init'],
  description: 'Create a backend package from a template (an example)',
  args: {
    dir: { type: 'positional', description: 'Directory to create' },
    template: {
      type: 'string',
      description: 'Template: an example folder name (see --list)',
      default: DEFAULT_TEMPLATE,
      alias: 't',
    },
    force: { type: 'boolean', description: 'Overwrite files in a non-empty directory' },
    list: { type: 'boolean', description: 'List the templates and exit' },
    tarballs: {
      type: 'string',
      description: 'Folder of packed @lsml/* tarballs to depend on (they are not on npm)',
      valueHint: 'dir',
    },
  },
  notes: [
    'Inside the lsml monorepo, workspace dependencies stay `workspace:*`; elsewhere they become',
    'the version range of the package, or with --tarballs a file: dependency on its packed',
    'tarball (@lsml/core is not on npm yet). The package is named after the directory.',
  ].join('\n'),
  run({ args, io }) {
    const dir = templatesDir(io.env);
    if (args.list) {
      for (const t of listTemplates(dir))
        io.stdout.write(`${t.name.padEnd(24)} ${t.description}\n`);
      return Promise.resolve(0);
    }
    if (args.dir === undefined) {
      throw new CLIError(
        'BAD_ARGS',
        'Missing <dir>',
        'usage: lsml create <dir> [--template dummy_model]',
      );
    }
    const template = findTemplate(dir, args.template);
    const target = resolve(io.cwd, args.dir);
    const tarballs = args.tarballs === undefined ? undefined : resolve(io.cwd, args.tarballs);
    if (tarballs !== undefined && !existsSync(tarballs)) {
      throw new CLIError(
        'DIR_MISSING',
        `No tarballs folder ${args.tarballs ?? ''}`,
        'in the monorepo: pnpm -r --filter "@lsml/*" build, then pnpm pack --pack-destination <dir> in packages/core and packages/testing',
      );
    }
    return createFromTemplate(template, target, { force: args.force, tarballs }).then((created) => {
      const shown = relative(io.cwd, created.dir) || '.';
      io.stdout.write(`Created ${created.name} in ${shown} from template ${template.name}\n`);
      if (created.unresolved.length > 0) {
        io.stderr.write(
          `warning: no version found for ${created.unresolved.join(', ')}; left as workspace: dependencies\n`,
        );
      }
      io.stdout.write(
        [
          '',
          'Next:',
          `  cd ${shown}`,
          created.insideWorkspace
            ? '  pnpm install            # links the workspace packages (add the folder to pnpm-workspace.yaml if it is not under examples/)'
            : '  pnpm install',
          '  pnpm test',
          '  pnpm start               # or: lsml start .',
          '',
          'Write your model in src/model.ts: predict() answers Label Studio, fit() learns from annotations.',
          '',
        ].join('\n'),
      );
      return 0;
    });
  },
});
