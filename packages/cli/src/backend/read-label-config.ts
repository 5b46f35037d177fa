import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CLIError } from '../cli-error.js';

/** The text of `--config`, or undefined when the flag is absent. */
export async function readLabelConfig(
  file: string | undefined,
  cwd: string,
): Promise<string | undefined> {
  if (file === undefined) return undefined;
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new CLIError(
      'FILE_MISSING',
      `Cannot read the label config ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      'copy it from Label Studio: Project → Settings → Labeling Interface → Code, and save it as config.xml',
    );
  }
}

/** The error for a project with neither --config nor a stored label config. */
export function noLabelConfigError(project: string): CLIError {
  return new CLIError(
    'NO_LABEL_CONFIG',
    `No label config for project ${project}`,
    'pass --config config.xml (Label Studio: Project → Settings → Labeling Interface → Code)',
  );
}
