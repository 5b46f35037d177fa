import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLIError } from '../cli-error.js';
import { backendEntry } from './backend-entry.js';
import type { BackendPackage } from './backend-package.js';

const temp = mkdtempSync(join(tmpdir(), 'lsml-entry-'));
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

function pkg(name: string, files: string[], workspaceRoot?: string): BackendPackage {
  const dir = join(temp, name);
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
  const exports = { '.': { source: './src/model.ts', default: './dist/model.js' } };
  return { dir, manifest: { name, exports }, workspaceRoot };
}

describe('backendEntry', () => {
  it('prefers the TypeScript source in a workspace and the built JS elsewhere', () => {
    const both = ['src/model.ts', 'dist/model.js'];
    expect(backendEntry(pkg('in-workspace', both, temp))).toEqual({
      file: join(temp, 'in-workspace', 'src/model.ts'),
      kind: 'source',
    });
    expect(backendEntry(pkg('published', both))).toEqual({
      file: join(temp, 'published', 'dist/model.js'),
      kind: 'built',
    });
  });

  it('falls back to whichever file exists', () => {
    expect(backendEntry(pkg('unbuilt', ['src/model.ts'])).kind).toBe('source');
    expect(backendEntry(pkg('no-sources', ['dist/model.js'], temp)).kind).toBe('built');
  });

  it('reads `main` and a string `exports`, and says what it looked for when nothing is there', () => {
    const dir = join(temp, 'plain');
    mkdirSync(join(dir, 'lib'), { recursive: true });
    writeFileSync(join(dir, 'lib', 'index.js'), '');
    expect(
      backendEntry({ dir, manifest: { main: 'lib/index.js' }, workspaceRoot: undefined }),
    ).toEqual({
      file: join(dir, 'lib/index.js'),
      kind: 'built',
    });
    expect(
      backendEntry({ dir, manifest: { exports: './lib/index.js' }, workspaceRoot: undefined }).kind,
    ).toBe('built');
    const error = (() => {
      try {
        backendEntry(pkg('empty', []));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CLIError);
    expect((error as CLIError).message).toMatch(
      /looked for .*src\/model\.ts and .*dist\/model\.js/,
    );
  });
});
