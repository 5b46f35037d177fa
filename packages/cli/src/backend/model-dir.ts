import { join, resolve } from 'node:path';

/**
 * Where a command keeps model versions: `--model-dir`, else `MODEL_DIR`, else `models/` in the
 * backend's directory (where `pnpm start` inside it keeps them too).
 */
export function resolveModelDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
  backendDir: string,
): string {
  if (flag !== undefined) return resolve(cwd, flag);
  if (env.MODEL_DIR) return resolve(cwd, env.MODEL_DIR);
  return join(backendDir, 'models');
}
