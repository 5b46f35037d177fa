import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PackageManifest } from '../backend/backend-package.js';
import { lsmlRepoRoot, pnpmCommand } from '../backend/workspace-root.js';
import { CLIError } from '../cli-error.js';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies'] as const;

/** `lsml-core-0.1.0.tgz` → `@lsml/core`: the file names `pnpm pack` gives scoped packages. */
function packageOf(file: string): string | undefined {
  const match = /^lsml-([a-z0-9-]+?)-\d+\.\d+\.\d+(?:-[\w.]+)?\.tgz$/.exec(file);
  return match ? `@lsml/${match[1] ?? ''}` : undefined;
}

/** How to make the tarballs `--tarballs` reads, with commands that need only Node. */
export function packTarballsHint(): string {
  const pnpm = pnpmCommand(lsmlRepoRoot());
  return `in the lsml repository: ${pnpm} -r --filter "@lsml/*" build, then ${pnpm} pack --pack-destination <dir> in packages/core and packages/testing`;
}

/**
 * Points every `@lsml/*` dependency at a packed tarball in `dir` (`file:` specs), and adds
 * pnpm overrides so the tarballs' own `@lsml/*` dependencies (testing → core) resolve there
 * too, never from a registry: for trying unreleased packages offline.
 */
export async function useTarballs(
  manifest: PackageManifest,
  dir: string,
): Promise<PackageManifest> {
  const files = await readdir(dir).catch((error: unknown) => {
    throw new CLIError(
      'DIR_MISSING',
      `Cannot read the tarballs folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      packTarballsHint(),
    );
  });
  const specs = new Map<string, string>();
  for (const file of files.sort()) {
    const name = packageOf(file);
    if (name) specs.set(name, `file:${resolve(dir, file)}`);
  }
  const out: PackageManifest = { ...manifest };
  const missing: string[] = [];
  for (const field of DEPENDENCY_FIELDS) {
    const deps = manifest[field];
    if (!deps) continue;
    out[field] = Object.fromEntries(
      Object.entries(deps).map(([dep, spec]) => {
        if (!dep.startsWith('@lsml/')) return [dep, spec];
        const tarball = specs.get(dep);
        if (tarball === undefined) missing.push(dep);
        return [dep, tarball ?? spec];
      }),
    );
  }
  if (missing.length > 0) {
    throw new CLIError(
      'FILE_MISSING',
      `No tarball for ${missing.join(', ')} in ${dir} (found: ${[...specs.keys()].join(', ') || 'none'})`,
      `run ${pnpmCommand(lsmlRepoRoot())} pack --pack-destination ${dir} in the lsml repository's folder of each (${missing.join(', ')})`,
    );
  }
  const pnpm = (manifest.pnpm ?? {}) as { overrides?: Record<string, string> };
  out.pnpm = { ...pnpm, overrides: { ...pnpm.overrides, ...Object.fromEntries(specs) } };
  return out;
}
