// The workspace packages that get published (not `private`), and packing one of them the way
// `pnpm publish` does: `workspace:` ranges become versions and `publishConfig` replaces
// `exports`/`bin`. Used by check-packages.mjs and the registry test (test/registry).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Folders whose packages may be public; examples and test suites are private. */
const GROUPS = ['packages', 'tools'];

/** @returns {{ name: string, version: string, dir: string }[]} */
export function publicPackages(root = repoRoot) {
  return GROUPS.flatMap((group) => {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) return [];
    return readdirSync(groupDir, { withFileTypes: true })
      .filter(
        (entry) => entry.isDirectory() && existsSync(join(groupDir, entry.name, 'package.json')),
      )
      .map((entry) => {
        const dir = join(groupDir, entry.name);
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        return { name: manifest.name, version: manifest.version, private: manifest.private, dir };
      })
      .filter((pkg) => pkg.private !== true)
      .map(({ name, version, dir }) => ({ name, version, dir }));
  });
}

/**
 * Packs the package in `dir` into `outDir` with `pnpm pack` (which runs its `prepack`) and
 * returns the tarball's path. Needs the package built (`pnpm build`).
 */
export function packPackage(dir, outDir) {
  const output = execFileSync('pnpm', ['pack', '--pack-destination', outDir], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const tarball = output
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .findLast((line) => line.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack in ${dir} printed no tarball:\n${output}`);
  return resolve(outDir, tarball);
}
