import type { ListedVersion, VersionListing } from '@lsml/core';
import { openStore } from '../backend/open-store.js';
import { CLIError } from '../cli-error.js';
import { defineCommand } from '../command.js';
import { formatCount } from '../progress/format.js';
import { storeArgs } from './store-args.js';

export const versions = defineCommand({
  name: 'versions',
  description: 'List stored model versions per project, and why each is kept',
  args: {
    project: { type: 'string', description: 'Only this project', valueHint: 'id' },
    unpin: {
      type: 'boolean',
      description: "Release the project's pinned version (needs --project)",
    },
    ...storeArgs,
    json: { type: 'boolean', description: 'Print JSON (for scripts)' },
  },
  notes:
    'Each training keeps the newest LSML_KEEP_VERSIONS versions (default 10), the current one and the one the last rollback pinned; older ones are removed.',
  async run({ args, io }) {
    const store = await openStore(args, io);
    if (args.unpin) {
      if (args.project === undefined)
        throw new CLIError(
          'BAD_ARGS',
          '--unpin needs the project whose pin to release',
          'add --project <id>',
        );
      const released = await store.unpin(args.project);
      io.stdout.write(
        released
          ? `project ${args.project}: ${released.version} is no longer pinned\n`
          : `project ${args.project}: no version was pinned\n`,
      );
      return 0;
    }
    const projects = args.project === undefined ? await store.projects() : [args.project];
    const listing = await Promise.all(
      projects.map(async (project) => ({ project, ...(await store.listing(project)) })),
    );
    if (args.json) {
      io.stdout.write(`${JSON.stringify(listing, null, 2)}\n`);
      return 0;
    }
    if (listing.every((p) => p.versions.length === 0)) {
      io.stdout.write(
        `No model versions in ${store.root}${args.project ? ` for project ${args.project}` : ''}\n`,
      );
      return 0;
    }
    for (const project of listing) {
      io.stdout.write(`${projectLine(project)}\n`);
      for (const v of project.versions) io.stdout.write(`${versionLine(v)}\n`);
    }
    return 0;
  },
});

function projectLine(p: VersionListing & { project: string }): string {
  const about = [
    ...(p.current ? [`current ${p.current}`] : []),
    ...(p.pinned ? [`pinned ${p.pinned}`] : []),
    `keeps the newest ${String(p.keep)}`,
  ];
  return `project ${p.project} (${about.join(', ')})`;
}

function versionLine(v: ListedVersion): string {
  const size =
    v.trainingSetSize === undefined ? '' : `  ${formatCount(v.trainingSetSize)} examples`;
  const metrics = Object.entries(v.metrics ?? {})
    .map(([k, n]) => `  ${k}=${Number(n.toPrecision(4))}`)
    .join('');
  const pinned = v.pinned ? '  pinned' : '';
  return `${v.current ? '*' : ' '} ${v.version.padEnd(28)} ${v.createdAt}${size}${metrics}${pinned}`;
}
