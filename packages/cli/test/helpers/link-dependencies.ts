import { existsSync, mkdirSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

/**
 * "Installs" a backend created outside the monorepo without a registry: every package the
 * template has installed is linked into the copy's node_modules, pointing where pnpm put it
 * (workspace packages resolve to their folders, so their `source` export is there to load).
 * Offline and instant, and the same versions the template's own tests run against. Nothing is
 * installed: tarball-install.test.ts does a real install from packed tarballs.
 */
export function linkDependencies(templateDir: string, targetDir: string): void {
  const from = join(templateDir, 'node_modules');
  const to = join(targetDir, 'node_modules');
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@') && entry.isDirectory()) {
      mkdirSync(join(to, entry.name), { recursive: true });
      for (const scoped of readdirSync(join(from, entry.name)))
        link(join(from, entry.name, scoped), join(to, entry.name, scoped));
    } else link(join(from, entry.name), join(to, entry.name));
  }
  // Every template's tests need vitest; it may come from the workspace root instead.
  if (!existsSync(join(to, 'vitest')))
    link(join(repoRoot, 'node_modules', 'vitest'), join(to, 'vitest'));
}

function link(source: string, target: string): void {
  if (existsSync(target)) return;
  symlinkSync(realpathSync(source), target);
}
