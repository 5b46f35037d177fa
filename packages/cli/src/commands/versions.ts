import type { VersionInfo } from '@lsml/core';
import { openStore } from '../backend/open-store.js';
import { defineCommand } from '../command.js';
import { formatCount } from '../progress/format.js';
import { storeArgs } from './store-args.js';

export const versions = defineCommand({
  name: 'versions',
  description: 'List stored model versions per project',
  args: {
    project: { type: 'string', description: 'Only this project', valueHint: 'id' },
    ...storeArgs,
    json: { type: 'boolean', description: 'Print JSON (for scripts)' },
  },
  async run({ args, io }) {
    const store = await openStore(args, io);
    const projects = args.project === undefined ? await store.projects() : [args.project];
    const listing = await Promise.all(
      projects.map(async (project) => ({
        project,
        current: (await store.current(project))?.version,
        versions: await store.list(project),
      })),
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
    for (const { project, current, versions: list } of listing) {
      io.stdout.write(`project ${project}${current ? ` (current ${current})` : ''}\n`);
      for (const v of list) io.stdout.write(`${versionLine(v, v.version === current)}\n`);
    }
    return 0;
  },
});

function versionLine(v: VersionInfo, current: boolean): string {
  const size =
    v.trainingSetSize === undefined ? '' : `  ${formatCount(v.trainingSetSize)} examples`;
  const metrics = Object.entries(v.metrics ?? {})
    .map(([k, n]) => `  ${k}=${Number(n.toPrecision(4))}`)
    .join('');
  return `${current ? '*' : ' '} ${v.version.padEnd(28)} ${v.createdAt}${size}${metrics}`;
}
