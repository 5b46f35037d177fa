import type { BackendRuntime } from '@lsml/core';
import { CLIError } from '../cli-error.js';

/**
 * Runs the backend's setup for the project, as Label Studio does before predicting, so a label
 * config the backend cannot use fails once, before any task is read, with its reason.
 */
export async function setupProject(
  runtime: BackendRuntime<unknown>,
  project: string,
  labelConfig: string | undefined,
  configName: string,
): Promise<void> {
  try {
    await runtime.setup(project, { labelConfig });
  } catch (error) {
    throw new CLIError(
      'BAD_LABEL_CONFIG',
      `The backend rejects the label config of ${configName}: ${(error as Error).message}`,
      'give a --config this backend supports (see its README), or pick the backend made for this project',
      { cause: error },
    );
  }
}
