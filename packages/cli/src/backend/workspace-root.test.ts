import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findBackendPackage } from './backend-package.js';
import { isInside, lsmlRepoRoot, pnpmCommand } from './workspace-root.js';

const repo = fileURLToPath(new URL('../../../..', import.meta.url)).replace(/\/$/, '');
const outside = mkdtempSync(join(tmpdir(), 'lsml-outside-'));
afterAll(() => {
  rmSync(outside, { recursive: true, force: true });
});

describe('where the source condition applies', () => {
  it('finds the lsml checkout the CLI runs from', () => {
    expect(lsmlRepoRoot()).toBe(repo);
  });

  it('marks an example of this repository, and not a backend elsewhere', async () => {
    expect((await findBackendPackage('examples/dummy_model', repo)).inLsmlRepo).toBe(true);
    writeFileSync(join(outside, 'package.json'), '{"name":"mine"}');
    expect((await findBackendPackage('.', outside)).inLsmlRepo).toBe(false);
  });

  it('compares whole path segments', () => {
    expect(isInside('/a/repo/examples/x', '/a/repo')).toBe(true);
    expect(isInside('/a/repo', '/a/repo')).toBe(true);
    expect(isInside('/a/repo-copy/x', '/a/repo')).toBe(false);
    expect(isInside('/a/x', undefined)).toBe(false);
  });
});

describe('pnpm for a workspace, with only Node', () => {
  it("runs the version the workspace's packageManager pins through npx", () => {
    const pinned = (
      JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { packageManager: string }
    ).packageManager;
    expect(pnpmCommand(repo)).toBe(`npx -y ${pinned}`);
  });

  it('falls back to the latest pnpm when nothing pins one', () => {
    const other = join(outside, 'yarn-pinned');
    mkdirSync(other);
    writeFileSync(join(other, 'package.json'), '{"packageManager":"yarn@4.0.0"}');
    expect(pnpmCommand(other)).toBe('npx -y pnpm');
    expect(pnpmCommand(undefined)).toBe('npx -y pnpm');
  });
});
