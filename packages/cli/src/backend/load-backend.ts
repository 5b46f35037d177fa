import { pathToFileURL } from 'node:url';
import type { Backend } from '@lsml/core';
import { CLIError } from '../cli-error.js';
import { backendEntry, type BackendEntry } from './backend-entry.js';
import { findBackendPackage, type BackendPackage } from './backend-package.js';
import { registerSourceCondition } from './source-condition.js';

/** A backend ready to serve, with where it came from. */
export interface LoadedBackend {
  backend: Backend;
  pkg: BackendPackage;
  entry: BackendEntry;
}

/**
 * Imports the backend of the package at `dir`: the module's default export, else its first
 * named export that is a backend (`{ name, predict }`).
 */
export async function loadBackend(dir: string | undefined, cwd: string): Promise<LoadedBackend> {
  return loadBackendFrom(await findBackendPackage(dir, cwd));
}

/** Imports the backend of a package already found (see {@link loadBackend}). */
export async function loadBackendFrom(pkg: BackendPackage): Promise<LoadedBackend> {
  const entry = backendEntry(pkg);
  const module = await importEntry(entry, pkg);
  const backend = pickBackend(module);
  if (!backend) {
    throw new CLIError(
      'NO_BACKEND',
      `${entry.file} exports no backend`,
      'export one: `export default defineBackend({ name: "my_backend", predict(tasks, ctx) { … } })`',
    );
  }
  return { backend, pkg, entry };
}

async function importEntry(
  entry: BackendEntry,
  pkg: BackendPackage,
): Promise<Record<string, unknown>> {
  const url = pathToFileURL(entry.file).href;
  try {
    if (entry.kind === 'built') return (await import(url)) as Record<string, unknown>;
    // Only this repository's workspace packages have sources behind `source`; a backend
    // elsewhere imports the installed packages' dist/ like any Node program.
    if (pkg.inLsmlRepo === true) registerSourceCondition();
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CLIError(
      'NO_BACKEND',
      `Cannot load the backend from ${entry.file}: ${(error as Error).message.split('\n')[0] ?? ''}`,
      code === 'ERR_MODULE_NOT_FOUND'
        ? `install the backend's dependencies: run \`npm install\` (or \`pnpm install\`) in ${pkg.dir}`
        : 'fix the error above, or run with --debug for the stack trace',
      { cause: error },
    );
  }
}

export function isBackend(value: unknown): value is Backend {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    typeof (value as { predict?: unknown }).predict === 'function'
  );
}

function pickBackend(module: Record<string, unknown>): Backend | undefined {
  if (isBackend(module.default)) return module.default;
  return Object.values(module).find(isBackend);
}
