import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isLsmlError, parseLabelConfig } from '@lsml/core';
import { CLIError } from '../cli-error.js';

const COPY_CONFIG = 'Label Studio: Project → Settings → Labeling Interface → Code';

/**
 * The text of `--config`, checked to parse, or undefined when the flag is absent. Parsed here,
 * before any task is read, so a broken config is one error rather than one per task.
 */
export async function readLabelConfig(
  file: string | undefined,
  cwd: string,
): Promise<string | undefined> {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new CLIError(
      'FILE_MISSING',
      `Cannot read the label config ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      `copy it from ${COPY_CONFIG}, and save it as config.xml`,
    );
  }
  try {
    parseLabelConfig(text);
  } catch (error) {
    if (!isLsmlError(error)) throw error;
    throw new CLIError(
      'BAD_LABEL_CONFIG',
      `${file}: ${error.message}`,
      `fix it, or copy it again from ${COPY_CONFIG}`,
      { cause: error },
    );
  }
  return text;
}

/** The error for a project with neither --config nor a stored label config. */
export function noLabelConfigError(project: string): CLIError {
  return new CLIError(
    'NO_LABEL_CONFIG',
    `No label config for project ${project}`,
    `pass --config config.xml (${COPY_CONFIG})`,
  );
}
