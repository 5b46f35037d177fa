import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createFromTemplate } from './copy-template.js';
import { listTemplates } from './template-catalog.js';

/**
 * Writes every template of `examplesDir` to `outDir` as a package that stands alone: version
 * ranges for `workspace:` dependencies, the root files it extends copied in, its package name
 * kept. `prepack` runs it so the packed CLI carries its templates (`templates/`).
 */
export async function shipTemplates(examplesDir: string, outDir: string): Promise<string[]> {
  await rm(outDir, { recursive: true, force: true });
  const names: string[] = [];
  for (const template of listTemplates(examplesDir)) {
    await createFromTemplate(template, join(outDir, template.name), {
      force: true,
      name: template.packageName,
      standalone: true,
    });
    names.push(template.name);
  }
  return names;
}
