import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { findWorkspaceRoot, pnpmCommand } from '../backend/workspace-root.js';
import { CLIError } from '../cli-error.js';
import { defineCommand } from '../command.js';
import { createFromTemplate } from '../templates/copy-template.js';
import { packTarballsHint } from '../templates/use-tarballs.js';
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
    script: {
      type: 'string',
      description:
        'Start from your own model file: copied to src/model.ts, server, worker and test wired to it',
      valueHint: 'model.ts',
    },
    tarballs: {
      type: 'string',
      description:
        'Folder of packed @lsml/* tarballs to depend on instead of the registry (offline use)',
      valueHint: 'dir',
    },
  },
  notes: [
    'Outside the lsml repository the backend stands alone: @lsml dependencies as registry ranges',
    '(or, with --tarballs, file: dependencies on packed tarballs), its own tsconfig, a Dockerfile',
    'built from its folder and a README for it. Inside the repository, workspace packages stay',
    'linked. The package is named after the directory.',
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
        packTarballsHint(),
      );
    }
    const script = args.script === undefined ? undefined : resolve(io.cwd, args.script);
    return createFromTemplate(template, target, { force: args.force, tarballs, script }).then(
      (created) => {
        // A folder beside or above the current one reads better as an absolute path.
        const rel = relative(io.cwd, created.dir);
        const shown = rel === '' ? '.' : rel.startsWith('..') ? created.dir : rel;
        const pnpm = pnpmCommand(findWorkspaceRoot(created.dir));
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
            ...(created.insideWorkspace
              ? [
                  `  ${pnpm} install    # links the workspace packages (add the folder to pnpm-workspace.yaml if it is not under examples/)`,
                  `  ${pnpm} test`,
                  `  ${pnpm} dev        # http://localhost:9090, restarts on changes`,
                ]
              : [
                  '  npm install',
                  '  npm test',
                  '  npm run dev             # http://localhost:9090, restarts on changes',
                ]),
            '',
            'Write your model in src/model.ts: predict() answers Label Studio, fit() learns from annotations.',
            '',
          ].join('\n'),
        );
        return 0;
      },
    );
  },
});
