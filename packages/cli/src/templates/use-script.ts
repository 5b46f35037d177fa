import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLIError } from '../cli-error.js';

/** How a model file exports its backend. */
type BackendExport = { kind: 'default' } | { kind: 'named'; name: string };

/**
 * Finds the backend a model file exports, from its text: `export default …` or
 * `export const x = defineBackend(…)`. The file is not run: create must not execute user code.
 */
export function findBackendExport(source: string): BackendExport | undefined {
  const named = /^export\s+const\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*defineBackend\b/m.exec(
    source,
  );
  if (named?.[1]) return { kind: 'named', name: named[1] };
  if (/^export\s+default\s/m.test(source)) return { kind: 'default' };
  return undefined;
}

/** The backend `script` exports; FILE_MISSING or NO_BACKEND (with the fix) otherwise. */
export async function checkScript(script: string): Promise<BackendExport> {
  if (!existsSync(script)) {
    throw new CLIError('FILE_MISSING', `No model file ${script}`, 'pass the path of your model.ts');
  }
  const found = findBackendExport(await readFile(script, 'utf8'));
  if (!found) {
    throw new CLIError(
      'NO_BACKEND',
      `${script} exports no backend`,
      'export the one it defines: `export const myBackend = defineBackend({ name: "my_backend", predict(tasks, ctx) { … } })` (from @lsml/core), or `export default defineBackend({ … })`; then run create again',
    );
  }
  return found;
}

/**
 * Makes the user's model file the backend's `src/model.ts`: the template's server, worker and
 * test are wired to the backend it exports, and the template's tests (written for the
 * template's model) give way to one that checks this backend the way Label Studio calls it.
 */
export async function useScript(script: string, target: string): Promise<void> {
  const found = await checkScript(script);
  await copyFile(script, join(target, 'src', 'model.ts'));
  for (const file of ['src/server.ts', 'src/worker.ts']) {
    const path = join(target, file);
    if (!existsSync(path)) continue;
    await writeFile(path, rewireImport(await readFile(path, 'utf8'), found));
  }
  await rm(join(target, 'test'), { recursive: true, force: true });
  await mkdir(join(target, 'test'));
  await writeFile(join(target, 'test', 'backend.test.ts'), backendTest(found));
}

/** `import { dummy } from './model.js'` → the user's export, under the name the file uses. */
function rewireImport(text: string, found: BackendExport): string {
  return text.replace(/import \{ ([\w$]+) \} from '\.\/model\.js';/, (_, local: string) =>
    found.kind === 'default'
      ? `import ${local} from './model.js';`
      : found.name === local
        ? `import { ${local} } from './model.js';`
        : `import { ${found.name} as ${local} } from './model.js';`,
  );
}

function backendTest(found: BackendExport): string {
  const imported =
    found.kind === 'default'
      ? "import backend from '../src/model.js';"
      : `import { ${found.name} as backend } from '../src/model.js';`;
  return `import { serveInProcess, SENTIMENT_CONFIG } from '@lsml/testing';
import { afterAll, describe, expect, it } from 'vitest';
${imported}

// The backend in process, answering the requests Label Studio sends. Add tests of predict()
// with the label config and tasks of your project: see @lsml/testing's labelStudioRequests().
const service = serveInProcess(backend);
afterAll(() => service.close());

describe(backend.name, () => {
  it('is up and names itself', async () => {
    const { status, body } = await service.request('/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'UP', model_class: backend.name });
  });

  it('answers /setup with a model version', async () => {
    const { status, body } = await service.request('/setup', {
      project: '1.1',
      schema: SENTIMENT_CONFIG,
    });
    expect(status).toBe(200);
    expect(typeof body.model_version).toBe('string');
  });
});
`;
}
