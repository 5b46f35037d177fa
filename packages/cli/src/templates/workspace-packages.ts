import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Name → version of every package in the workspace folders lsml uses (packages, tools, examples). */
export function workspaceVersions(root: string): Map<string, string> {
  const versions = new Map<string, string>();
  for (const group of ['packages', 'tools', 'examples']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const manifestPath = join(dir, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name && manifest.version) versions.set(manifest.name, manifest.version);
    }
  }
  return versions;
}
