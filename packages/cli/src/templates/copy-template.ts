import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PackageManifest } from '../backend/backend-package.js';
import { findWorkspaceRoot } from '../backend/workspace-root.js';
import { CLIError } from '../cli-error.js';
import { packageNameFor } from './package-name.js';
import { relinkRootFiles } from './relink-root-files.js';
import { rewriteManifest } from './rewrite-manifest.js';
import { standaloneFiles } from './standalone-files.js';
import { checkScript, useScript } from './use-script.js';
import { useTarballs } from './use-tarballs.js';
import type { Template } from './template-catalog.js';
import { workspaceVersions } from './workspace-packages.js';

/** What `create` made. */
export interface CreatedBackend {
  dir: string;
  name: string;
  template: Template;
  /** Inside the template's monorepo: `workspace:*` dependencies were kept. */
  insideWorkspace: boolean;
  /** Workspace dependencies with no version to rewrite to (left as `workspace:`). */
  unresolved: string[];
}

// Build output, installed packages, trained models and caches never travel with a template.
const SKIPPED = new Set(['node_modules', 'dist', 'models', '.turbo', 'coverage', '.tiny-models']);

export interface CreateOptions {
  /** Overwrite the files of a non-empty target. */
  force: boolean;
  /** Package name (default: from the target's folder name). */
  name?: string | undefined;
  /** Make a package that stands alone even when `target` is inside the template's monorepo. */
  standalone?: boolean | undefined;
  /** A folder of packed `@lsml/*` tarballs to depend on instead of the registry. */
  tarballs?: string | undefined;
  /** The user's own model file, to become `src/model.ts` (see {@link useScript}). */
  script?: string | undefined;
}

/** Copies `template` to `target` and makes it its own package. Refuses a non-empty target without `force`. */
export async function createFromTemplate(
  template: Template,
  target: string,
  { force, name: givenName, standalone = false, tarballs, script }: CreateOptions,
): Promise<CreatedBackend> {
  if (existsSync(target) && (await readdir(target)).length > 0 && !force) {
    throw new CLIError(
      'TARGET_EXISTS',
      `${target} already exists and is not empty`,
      'choose another directory, or pass --force to overwrite the files it shares with the template',
    );
  }
  // Checked before anything is copied, so a model file without a backend leaves no folder.
  if (script !== undefined) await checkScript(script);
  await cp(template.dir, target, {
    recursive: true,
    force: true,
    filter: (source) => {
      const name = basename(source);
      return !SKIPPED.has(name) && !name.endsWith('.tsbuildinfo');
    },
  });

  const sourceRoot = findWorkspaceRoot(template.dir);
  const targetRoot = findWorkspaceRoot(target);
  const insideWorkspace = !standalone && sourceRoot !== undefined && targetRoot === sourceRoot;
  const name = givenName ?? packageNameFor(basename(target));
  const manifestPath = join(target, 'package.json');
  const original = JSON.parse(await readFile(manifestPath, 'utf8')) as PackageManifest;
  const rewritten = rewriteManifest(original, {
    name,
    insideWorkspace,
    workspaceVersions: sourceRoot ? workspaceVersions(sourceRoot) : new Map(),
  });
  const manifest =
    tarballs === undefined ? rewritten.manifest : await useTarballs(rewritten.manifest, tarballs);
  const { unresolved } = rewritten;
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  if (sourceRoot) {
    await relinkRootFiles({
      target,
      templateDir: template.dir,
      sourceRoot,
      newRoot: insideWorkspace ? sourceRoot : undefined,
      oldName: original.name ?? template.name,
      newName: name,
    });
  }
  if (!insideWorkspace) {
    const dockerfilePath = join(target, 'Dockerfile');
    const files = standaloneFiles({
      name,
      templateName: template.name,
      description: template.description,
      manifest,
      templateDockerfile: existsSync(dockerfilePath)
        ? await readFile(dockerfilePath, 'utf8')
        : undefined,
    });
    for (const [file, text] of Object.entries(files) as [string, string][]) {
      await writeFile(join(target, file), text);
    }
    // The template's build from the repository root needed its own ignore file next to it.
    await rm(join(target, 'Dockerfile.dockerignore'), { force: true });
  }
  if (script !== undefined) await useScript(script, target);
  return { dir: target, name, template, insideWorkspace, unresolved };
}
