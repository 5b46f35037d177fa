import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest directory at or above `dir` holding `pnpm-workspace.yaml`, if any. */
export function findWorkspaceRoot(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, 'pnpm-workspace.yaml'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * The lsml repository this CLI runs from, if it runs from a checkout (packages/cli/src or
 * packages/cli/dist); undefined when it is an installed package. Only there do workspace
 * packages have TypeScript sources behind their `source` export condition.
 */
export function lsmlRepoRoot(): string | undefined {
  // <root>/packages/cli/{src,dist}/backend/workspace-root.{ts,js}
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
  const core = join(root, 'packages', 'core', 'package.json');
  if (!existsSync(join(root, 'pnpm-workspace.yaml')) || !existsSync(core)) return undefined;
  const { name } = JSON.parse(readFileSync(core, 'utf8')) as { name?: string };
  return name === '@lsml/core' ? root : undefined;
}

/** Is `dir` at or below `root`? */
export function isInside(dir: string, root: string | undefined): boolean {
  if (root === undefined) return false;
  const rel = relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * How to run pnpm in the workspace at `root`, with only Node: `npx -y pnpm@<version>` at the
 * version its `packageManager` field pins (what the lockfile was written with), else the latest.
 */
export function pnpmCommand(root: string | undefined): string {
  const manifest = root === undefined ? undefined : join(root, 'package.json');
  if (manifest !== undefined && existsSync(manifest)) {
    const { packageManager } = JSON.parse(readFileSync(manifest, 'utf8')) as {
      packageManager?: unknown;
    };
    const pinned = typeof packageManager === 'string' && /^pnpm@[\w.-]+/.exec(packageManager);
    if (pinned) return `npx -y ${pinned[0]}`;
  }
  return 'npx -y pnpm';
}
