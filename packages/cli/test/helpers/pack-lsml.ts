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
 * How to run pnpm from a test: the pnpm that runs this test run (`npm_execpath`, when pnpm
 * started it), else `pnpm` when it is on PATH at the workspace's version, else through npx.
 * The README's "only Node.js 20+" machine runs tests through `npx pnpm`, and pnpm puts Node's
 * folder on the PATH of the scripts it runs, not its own.
 */
export function pnpm(args: string[]): [string, string[]] {
  pnpmCommand ??= findPnpm();
  return [pnpmCommand[0], [...pnpmCommand[1], ...args]];
}

function findPnpm(): [string, string[]] {
  const running = process.env.npm_execpath ?? '';
  if (/pnpm\.c?js$/.test(running)) return [process.execPath, [running]];
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    packageManager: string;
  };
  const version = manifest.packageManager.split('@')[1] ?? '';
  try {
    if (execFileSync('pnpm', ['--version'], { encoding: 'utf8' }).trim() === version) {
      return ['pnpm', []];
    }
  } catch {
    // not on PATH
  }
  return ['npx', ['-y', `pnpm@${version}`]];
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
