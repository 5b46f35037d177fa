import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths.js';

const exec = promisify(execFile);

/** The environment for a child pnpm/vitest: not a worker of this vitest. */
export function childEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS',
    ),
  );
  return { ...env, CI: '1', NO_COLOR: '1' };
}

let pnpmCommand: [string, string[]] | undefined;

/**
 * How to run pnpm from a test: `pnpm` when it is on PATH at the workspace's version, else
 * through npx, which is all the README's "only Node.js 20+" machine has (pnpm puts Node's own
 * folder, where npx lives, on the PATH of the scripts it runs; not itself).
 */
export function pnpm(args: string[]): [string, string[]] {
  if (!pnpmCommand) {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      packageManager: string;
    };
    const version = manifest.packageManager.split('@')[1] ?? '';
    let onPath = '';
    try {
      onPath = execFileSync('pnpm', ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      // not installed: npx fetches it (the README's own commands already did)
    }
    pnpmCommand = onPath === version ? ['pnpm', []] : ['npx', ['-y', `pnpm@${version}`]];
  }
  return [pnpmCommand[0], [...pnpmCommand[1], ...args]];
}

/**
 * Builds and packs @lsml/core and @lsml/testing into `${work}/tarballs`, as a release would,
 * from a copy of their sources under `work`: building in place would leave a `dist/` in the
 * workspace that other tests could load instead of `src/`.
 */
export async function packLsmlPackages(work: string): Promise<string> {
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  const copy = join(work, 'repo');
  mkdirSync(join(copy, 'packages'), { recursive: true });
  cpSync(join(repoRoot, 'tsconfig.base.json'), join(copy, 'tsconfig.base.json'));
  symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules')); // @types/node
  for (const name of ['core', 'testing']) {
    const from = join(repoRoot, 'packages', name);
    const to = join(copy, 'packages', name);
    for (const entry of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'src'])
      cpSync(join(from, entry), join(to, entry), { recursive: true });
    symlinkSync(join(from, 'node_modules'), join(to, 'node_modules'));
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    await exec(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: to }).catch(
      (error: unknown) => {
        const { stdout } = error as { stdout?: string };
        throw new Error(`building @lsml/${name} failed:\n${stdout ?? String(error)}`);
      },
    );
    await exec(...pnpm(['pack', '--pack-destination', tarballs]), { cwd: to, env: childEnv() });
  }
  return tarballs;
}
