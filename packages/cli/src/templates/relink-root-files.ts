import { existsSync, statSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Config files that extend or import root files: outside the monorepo those files are copied in. */
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'vitest.config.ts'];
/** Files that mention the template's path or package name. */
const LINKED_FILES = [...CONFIG_FILES, 'docker-compose.yml', 'Dockerfile', 'README.md'];

interface RelinkOptions {
  target: string;
  templateDir: string;
  sourceRoot: string;
  /** The monorepo the new backend lives in, or undefined outside any. */
  newRoot: string | undefined;
  oldName: string;
  newName: string;
}

/**
 * Points the copied config files at the right root. Inside the monorepo, `../../x` becomes the
 * path from the new folder; outside it, root files the template extends (tsconfig.base.json,
 * vitest.shared.ts) are copied in so the backend stands alone. Package-name mentions in the
 * README, Dockerfile and compose file follow the new name.
 */
export async function relinkRootFiles(options: RelinkOptions): Promise<void> {
  const { target, templateDir, sourceRoot, newRoot } = options;
  const oldRel = posix(relative(templateDir, sourceRoot));
  const oldRepoPath = posix(relative(sourceRoot, templateDir));
  for (const file of LINKED_FILES) {
    const path = join(target, file);
    if (!existsSync(path)) continue;
    let text = await readFile(path, 'utf8');
    if (newRoot) {
      const newRel = posix(relative(target, newRoot)) || '.';
      text = text
        .replaceAll(`${oldRel}/`, `${newRel}/`)
        .replaceAll(`context: ${oldRel}`, `context: ${newRel}`)
        .replaceAll(oldRepoPath, posix(relative(newRoot, target)));
    } else {
      if (CONFIG_FILES.includes(file))
        text = await inlineRootReferences(text, oldRel, sourceRoot, target);
      text = text.replaceAll(`context: ${oldRel}`, 'context: .').replaceAll(`${oldRepoPath}/`, '');
    }
    text = renamePackage(text, options.oldName, options.newName);
    await writeFile(path, text);
  }
}

/** Copies each `<oldRel>/<file>` the text refers to into `target` and refers to `./<file>` instead. */
async function inlineRootReferences(
  text: string,
  oldRel: string,
  sourceRoot: string,
  target: string,
): Promise<string> {
  const pattern = new RegExp(`${escapeRegExp(oldRel)}/([\\w.-]+)`, 'g');
  for (const [reference, file = ''] of text.matchAll(pattern)) {
    // A compiled `.js` import of a root `.ts` file (vitest.shared.js) copies the `.ts`.
    const sourceFile = [file, file.replace(/\.js$/, '.ts')].find((f) =>
      isFile(join(sourceRoot, f)),
    );
    if (!sourceFile) continue;
    await copyFile(join(sourceRoot, sourceFile), join(target, sourceFile));
    text = text.replaceAll(reference, `./${file}`);
  }
  return text;
}

function renamePackage(text: string, oldName: string, newName: string): string {
  const name = escapeRegExp(oldName);
  return text
    .replace(new RegExp(`--filter ${name}\\b(?!-)`, 'g'), `--filter ${newName}`)
    .replace(new RegExp(`"${name}\\.\\.\\."`, 'g'), `"${newName}..."`)
    .replace(new RegExp(`lsml-${name}\\b(?!-)`, 'g'), `lsml-${newName}`)
    .replace(new RegExp(`^# ${name}$`, 'm'), `# ${newName}`);
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function posix(path: string): string {
  return path.split(sep).join('/');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
