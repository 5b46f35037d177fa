import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLIError } from '../cli-error.js';
import type { BackendPackage } from './backend-package.js';

/** The module to import for a backend: TypeScript source (through tsx) or built JS. */
export interface BackendEntry {
  file: string;
  kind: 'source' | 'built';
}

/**
 * Picks the backend module. In a pnpm workspace the `source` export (`src/model.ts`) wins, so
 * edits show without a build; elsewhere the built `default` export (`dist/model.js`) wins, as
 * in Docker. Either falls back to the other when its file is missing.
 */
export function backendEntry(pkg: BackendPackage): BackendEntry {
  const { source, built } = entryCandidates(pkg);
  const sourceEntry: BackendEntry = { file: source, kind: 'source' };
  const builtEntry: BackendEntry = { file: built, kind: 'built' };
  const order = pkg.workspaceRoot ? [sourceEntry, builtEntry] : [builtEntry, sourceEntry];
  const found = order.find((entry) => existsSync(entry.file));
  if (!found) {
    throw new CLIError(
      'NO_BACKEND',
      `${pkg.manifest.name ?? pkg.dir} has no backend module (looked for ${source} and ${built})`,
      'export the backend from src/model.ts (`export default defineBackend({ … })`), or build dist/model.js with `npm run build`',
    );
  }
  return found;
}

function entryCandidates(pkg: BackendPackage): { source: string; built: string } {
  const root = rootExport(pkg.manifest.exports);
  const source = typeof root?.source === 'string' ? root.source : 'src/model.ts';
  const built =
    [root?.default, root?.import, root?.node, pkg.manifest.main].find(
      (v): v is string => typeof v === 'string',
    ) ?? 'dist/model.js';
  return { source: join(pkg.dir, source), built: join(pkg.dir, built) };
}

/** `exports` as `{ ".": { … } }`, as `{ source, default }` or as a string, reduced to conditions. */
function rootExport(exports: unknown): Record<string, unknown> | undefined {
  if (typeof exports === 'string') return { default: exports };
  if (typeof exports !== 'object' || exports === null) return undefined;
  const map = exports as Record<string, unknown>;
  const dot = map['.'];
  if (typeof dot === 'string') return { default: dot };
  if (typeof dot === 'object' && dot !== null) return dot as Record<string, unknown>;
  return Object.keys(map).some((k) => k.startsWith('.')) ? undefined : map;
}
