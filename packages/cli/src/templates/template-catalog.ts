import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIError } from '../cli-error.js';

/** An example a new backend can start from. */
export interface Template {
  /** The example's folder name, e.g. `dummy_model`. */
  name: string;
  /** Its package name, accepted as well (`dummy`). */
  packageName: string;
  description: string;
  dir: string;
}

export const DEFAULT_TEMPLATE = 'dummy_model';

/**
 * Where templates live: `LSML_TEMPLATES_DIR`, else the monorepo's `examples/` when the CLI runs
 * from its checkout, else `templates/` shipped in the packed CLI (see `prepack`).
 */
export function templatesDir(env: NodeJS.ProcessEnv): string {
  if (env.LSML_TEMPLATES_DIR) return env.LSML_TEMPLATES_DIR;
  const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const repoRoot = join(packageDir, '..', '..');
  const examples = join(repoRoot, 'examples');
  if (existsSync(join(repoRoot, 'pnpm-workspace.yaml')) && existsSync(examples)) return examples;
  return join(packageDir, 'templates');
}

/** Every folder of `dir` shaped like a backend package: a package.json and `src/model.ts`. */
export function listTemplates(dir: string): Template[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => join(dir, e.name))
    .filter((d) => existsSync(join(d, 'package.json')) && existsSync(join(d, 'src', 'model.ts')))
    .map((d) => {
      const manifest = JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')) as {
        name?: string;
        description?: string;
      };
      const name = d.slice(dir.length + 1);
      return {
        name,
        packageName: manifest.name ?? name,
        description: manifest.description ?? '',
        dir: d,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The template called `name` (folder or package name), or UNKNOWN_TEMPLATE listing them all. */
export function findTemplate(dir: string, name: string): Template {
  const templates = listTemplates(dir);
  const found = templates.find((t) => t.name === name || t.packageName === name);
  if (!found) {
    throw new CLIError(
      'UNKNOWN_TEMPLATE',
      `Unknown template "${name}"`,
      templates.length > 0
        ? `templates: ${templates.map((t) => t.name).join(', ')}`
        : `no templates found in ${dir}: the CLI finds them in its own templates/ (a packed @lsml/cli), in the lsml monorepo's examples/, or in LSML_TEMPLATES_DIR; set it to the examples/ folder of an lsml clone`,
    );
  }
  return found;
}
