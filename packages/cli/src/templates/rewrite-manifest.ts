import type { PackageManifest } from '../backend/backend-package.js';

const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

/**
 * The template's package.json for the new backend: its own name, and `workspace:` dependencies
 * either kept (inside the monorepo, pnpm links them) or turned into the version range of the
 * workspace package (outside it, installed from the registry), where scripts also stop asking
 * for the `source` condition.
 */
export function rewriteManifest(
  manifest: PackageManifest,
  options: {
    name: string;
    insideWorkspace: boolean;
    workspaceVersions: ReadonlyMap<string, string>;
  },
): { manifest: PackageManifest; unresolved: string[] } {
  const unresolved: string[] = [];
  const out: PackageManifest = { ...manifest, name: options.name };
  if (!options.insideWorkspace) {
    // The workspace imports examples by package name (the editor suite); a backend of its own
    // is an application: lsml finds src/model.ts and dist/model.js by convention, and a nested
    // package.json with `exports` inside the packed CLI's templates/ would mislead bundlers.
    delete out.exports;
    delete out.files;
  }
  const scripts = manifest.scripts as Record<string, string> | undefined;
  if (scripts && !options.insideWorkspace) {
    // The `source` condition reads workspace packages' src/; installed packages ship dist/ only.
    out.scripts = Object.fromEntries(
      Object.entries(scripts).map(([key, script]) => [
        key,
        script.replaceAll(' --conditions=source', ''),
      ]),
    );
  }
  for (const field of DEPENDENCY_FIELDS) {
    const deps = manifest[field] as Record<string, string> | undefined;
    if (!deps || options.insideWorkspace) continue;
    out[field] = Object.fromEntries(
      Object.entries(deps).map(([dep, spec]) => {
        if (!spec.startsWith('workspace:')) return [dep, spec];
        const version = options.workspaceVersions.get(dep);
        if (version === undefined) {
          unresolved.push(dep);
          return [dep, spec];
        }
        return [dep, workspaceRange(spec, version)];
      }),
    );
  }
  return { manifest: out, unresolved };
}

/** `workspace:*` and `workspace:^` → `^1.2.3`, `workspace:~` → `~1.2.3`, `workspace:1.x` → `1.x`. */
export function workspaceRange(spec: string, version: string): string {
  const range = spec.slice('workspace:'.length);
  if (range === '*' || range === '^' || range === '') return `^${version}`;
  if (range === '~') return `~${version}`;
  return range;
}
