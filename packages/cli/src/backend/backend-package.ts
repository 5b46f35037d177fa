import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { CLIError } from '../cli-error.js';
import { findWorkspaceRoot, isInside, lsmlRepoRoot } from './workspace-root.js';

/** The parts of a package.json the CLI reads. */
export interface PackageManifest {
  name?: string;
  version?: string;
  main?: string;
  exports?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [field: string]: unknown;
}

/** A backend's package: its directory, manifest, and the pnpm workspace it lives in (if any). */
export interface BackendPackage {
  dir: string;
  manifest: PackageManifest;
  workspaceRoot: string | undefined;
  /**
   * The package lives in the lsml repository the CLI runs from, so its `@lsml/*` dependencies
   * are workspace packages whose `source` export condition names TypeScript that exists.
   * Anywhere else (a backend of your own, installed packages) that condition is never used.
   */
  inLsmlRepo?: boolean;
}

/** Finds the backend package at `dir` (relative to `cwd`), with errors that say what to do. */
export async function findBackendPackage(
  dir: string | undefined,
  cwd: string,
): Promise<BackendPackage> {
  const absolute = resolve(cwd, dir ?? '.');
  const shown = relative(cwd, absolute) || '.';
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new CLIError(
      'DIR_MISSING',
      `No backend directory ${shown}`,
      `create one with \`lsml create ${dir ?? 'my_backend'}\`, or pass the path of an existing backend`,
    );
  }
  const manifestPath = join(absolute, 'package.json');
  if (!existsSync(manifestPath)) {
    throw new CLIError(
      'NO_PACKAGE',
      `${shown} has no package.json, so it is not a backend package`,
      `create one with \`lsml create ${shown}\` (a package whose main export is the backend)`,
    );
  }
  let manifest: PackageManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as PackageManifest;
  } catch (error) {
    throw new CLIError(
      'BAD_JSON',
      `${join(shown, 'package.json')} is not valid JSON: ${(error as Error).message}`,
    );
  }
  return {
    dir: absolute,
    manifest,
    workspaceRoot: findWorkspaceRoot(absolute),
    inLsmlRepo: isInside(absolute, lsmlRepoRoot()),
  };
}
